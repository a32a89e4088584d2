using System.Globalization;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Mail;
using Portal.Core.Security;
using Portal.Testing;

namespace Portal.Protocols.Tests.Imap;

/// <summary>One Portal host for the IMAP and POP3 tests; each test takes a fresh user so tests do not see each other's mail.</summary>
public sealed class ImapHostFixture : IAsyncLifetime
{
    private int _users;

    public PortalTestHost Host { get; private set; } = null!;

    public int Port => int.Parse(Host.Settings["Portal:Protocols:Imap:Port"]!, CultureInfo.InvariantCulture);

    public int ImapsPort => int.Parse(Host.Settings["Portal:Protocols:Imaps:Port"]!, CultureInfo.InvariantCulture);

    public int Pop3Port => int.Parse(Host.Settings["Portal:Protocols:Pop3:Port"]!, CultureInfo.InvariantCulture);

    public int Pop3sPort => int.Parse(Host.Settings["Portal:Protocols:Pop3s:Port"]!, CultureInfo.InvariantCulture);

    public const string Password = "Correct-Horse-9";

    public async Task InitializeAsync() => Host = await PortalTestHost.StartAsync(extra: new Dictionary<string, string?> { ["Portal:Imap:MaxLiteralSize"] = "1048576" });

    public async Task DisposeAsync() => await Host.DisposeAsync();

    public async Task<string> NewUserAsync()
    {
        var address = $"user{Interlocked.Increment(ref _users)}@imap.test";
        await Host.AddUserAsync(address, Password);
        return address;
    }

    /// <summary>The mailbox id of a test user, for reaching the store as the web UI does.</summary>
    public async Task<Guid> MailboxIdAsync(string address)
    {
        var result = await Host.Services.GetRequiredService<ICredentialService>().VerifyAsync(address, Password, null, "test");
        return result.MailboxId!.Value;
    }

    public IMessageStore Store => Host.Services.GetRequiredService<IMessageStore>();

    public async Task<ImapClient> ConnectAsync(string address)
    {
        var client = new ImapClient { Timeout = 15000 };
        await client.ConnectAsync("127.0.0.1", Port, SecureSocketOptions.None);
        await client.AuthenticateAsync(address, Password);
        return client;
    }
}
