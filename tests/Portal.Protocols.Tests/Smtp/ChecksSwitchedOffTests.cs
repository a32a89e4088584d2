using System.Net;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Portal.Core.Dns;

namespace Portal.Protocols.Tests.Smtp;

/// <summary>An MX with SPF, DKIM and DMARC all switched off asks no DNS and adds no Authentication-Results field.</summary>
public sealed class ChecksSwitchedOffTests(ChecksSwitchedOffTests.Fixture fixture) : IClassFixture<ChecksSwitchedOffTests.Fixture>
{
    [Fact]
    public async Task Mail_is_delivered_with_only_the_received_field_and_no_dns_asked()
    {
        var recipient = await fixture.Smtp.AddMailboxAsync("unchecked@example.test");
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse("sender@elsewhere.test"));
        message.To.Add(MailboxAddress.Parse(recipient.Address));
        message.Subject = "Not checked";
        message.Body = new TextPart("plain") { Text = "Hello" };
        using (var client = new SmtpClient { Timeout = 15000 })
        {
            await client.ConnectAsync("127.0.0.1", fixture.Smtp.SmtpPort, SecureSocketOptions.None);
            await client.SendAsync(message);
        }

        var stored = Assert.Single(await fixture.Smtp.InboxAsync(recipient));
        var text = Encoding.ASCII.GetString(await fixture.Smtp.ContentAsync(stored));
        Assert.StartsWith("Received: ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Authentication-Results:", text, StringComparison.Ordinal);
        Assert.Contains("Subject: Not checked", text, StringComparison.Ordinal);
        Assert.Equal(0, fixture.Dns.Asked);
    }

    public sealed class Fixture : IAsyncLifetime
    {
        public SmtpHostFixture Smtp { get; } = new();

        public CountingDns Dns { get; } = new();

        public Task InitializeAsync() => Smtp.StartAsync(
            new Dictionary<string, string?> { ["Portal:Smtp:CheckSpf"] = "false", ["Portal:Smtp:CheckDkim"] = "false", ["Portal:Smtp:CheckDmarc"] = "false" },
            builder => builder.Services.AddSingleton<IDnsResolver>(Dns));

        public Task DisposeAsync() => Smtp.DisposeAsync();
    }

    public sealed class CountingDns : IDnsResolver
    {
        private int _asked;

        public int Asked => _asked;

        public Task<IReadOnlyList<MxHost>> ResolveMxAsync(string domain, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _asked);
            return Task.FromResult<IReadOnlyList<MxHost>>([]);
        }

        public Task<IReadOnlyList<IPAddress>> ResolveAddressesAsync(string host, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _asked);
            return Task.FromResult<IReadOnlyList<IPAddress>>([]);
        }

        public Task<IReadOnlyList<string>> ResolveTxtAsync(string name, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _asked);
            return Task.FromResult<IReadOnlyList<string>>([]);
        }
    }
}
