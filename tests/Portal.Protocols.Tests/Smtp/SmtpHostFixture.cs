using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Mail;
using Portal.Core.Tenancy;
using Portal.Data;
using Portal.Testing;

namespace Portal.Protocols.Tests.Smtp;

/// <summary>One real host for a test class, with the domain example.test; each test uses addresses of its own.</summary>
public sealed class SmtpHostFixture : IAsyncLifetime
{
    public const string Password = "Correct-Horse-9";

    private PortalTestHost? _host;

    public PortalTestHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public int SmtpPort => Port("Smtp");

    public int Port(string listener) => int.Parse(Host.Settings[$"Portal:Protocols:{listener}:Port"]!, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Where DATA and BDAT are written while they arrive: the blob store's temp folder.</summary>
    public string SpoolDirectory => Path.Combine(Host.Settings["Portal:DataDirectory"]!, "blobs", "tmp");

    public Task InitializeAsync() => StartAsync(new Dictionary<string, string?>(), builder => builder.Services.AddSingleton<Portal.Core.Dns.IDnsResolver, LoopbackDnsResolver>());

    public async Task StartAsync(Dictionary<string, string?> extra, Action<Microsoft.AspNetCore.Builder.WebApplicationBuilder>? configure)
    {
        extra["Portal:Smtp:HostName"] = "mx.example.test";
        extra["Portal:Smtp:MaxMessageSize"] = "200000";
        extra["Portal:Smtp:MaxRecipients"] = "5";
        extra["Portal:Smtp:MaxErrors"] = "6";
        _host = await PortalTestHost.StartAsync(extra: extra, configure: configure);
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    public async Task<Mailbox> AddMailboxAsync(string address)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var accounts = scope.ServiceProvider.GetRequiredService<IAccountService>();
        var domain = address[(address.IndexOf('@', StringComparison.Ordinal) + 1)..];
        if (!(await accounts.ListDomainsAsync()).Any(d => d.Name == domain))
        {
            await accounts.AddDomainAsync(domain, Edition.Enterprise);
        }

        return await accounts.AddMailboxAsync(address, Password, PortalRoles.User);
    }

    public async Task UpdateAsync(Func<PortalDbContext, Task> change)
    {
        var factory = Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        await change(db);
        await db.SaveChangesAsync();
    }

    public async Task AddAliasAsync(string address, params string[] targets) => await UpdateAsync(async db =>
    {
        var domainName = address[(address.IndexOf('@', StringComparison.Ordinal) + 1)..];
        var domain = await db.Domains.SingleAsync(d => d.Name == domainName);
        db.Aliases.Add(new Alias { DomainId = domain.Id, Address = address, Targets = string.Join(',', targets) });
    });

    public async Task<IReadOnlyList<Message>> InboxAsync(Mailbox mailbox)
    {
        var store = Host.Services.GetRequiredService<IMessageStore>();
        var inbox = await store.FindFolderAsync(mailbox.Id, FolderRole.Inbox);
        return await store.ListMessagesAsync(inbox!.Id);
    }

    public async Task<byte[]> ContentAsync(Message message)
    {
        var store = Host.Services.GetRequiredService<IMessageStore>();
        await using var content = await store.OpenContentAsync(message);
        using var copy = new MemoryStream();
        await content.CopyToAsync(copy);
        return copy.ToArray();
    }
}
