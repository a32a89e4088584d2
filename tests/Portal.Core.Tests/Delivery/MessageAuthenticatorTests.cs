using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Portal.Core.Delivery.Authentication;
using Portal.Core.Dns;

namespace Portal.Core.Tests.Delivery;

/// <summary>Each MX check can be switched off: it is then neither asked of DNS nor named in Authentication-Results.</summary>
public sealed class MessageAuthenticatorTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.10");

    private static readonly byte[] Message = Encoding.ASCII.GetBytes("From: someone@sender.test\r\nTo: user@example.test\r\nSubject: hi\r\n\r\nBody\r\n");

    [Fact]
    public async Task All_checks_name_spf_dkim_and_dmarc()
    {
        var dns = new RecordingDns { Txt = { ["sender.test"] = ["v=spf1 ip4:192.0.2.0/24 -all"], ["_dmarc.sender.test"] = ["v=DMARC1; p=reject"] } };
        var result = await AuthenticateAsync(dns, AuthenticationChecks.All);
        Assert.Contains("spf=pass smtp.mailfrom=someone@sender.test", result, StringComparison.Ordinal);
        Assert.Contains("dkim=none", result, StringComparison.Ordinal);
        Assert.Contains("dmarc=pass header.from=sender.test", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Spf_switched_off_is_not_looked_up_and_dmarc_decides_without_it()
    {
        var dns = new RecordingDns { Txt = { ["sender.test"] = ["v=spf1 ip4:192.0.2.0/24 -all"], ["_dmarc.sender.test"] = ["v=DMARC1; p=reject"] } };
        var result = await AuthenticateAsync(dns, AuthenticationChecks.Dkim | AuthenticationChecks.Dmarc);
        Assert.DoesNotContain("spf=", result, StringComparison.Ordinal);
        Assert.DoesNotContain("sender.test", dns.Asked);
        Assert.Contains("_dmarc.sender.test", dns.Asked);

        // Without an SPF pass and with no signature nothing aligns: DMARC fails.
        Assert.Contains("dmarc=fail header.from=sender.test", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dmarc_switched_off_asks_no_policy()
    {
        var dns = new RecordingDns { Txt = { ["sender.test"] = ["v=spf1 ip4:192.0.2.0/24 -all"] } };
        var result = await AuthenticateAsync(dns, AuthenticationChecks.Spf | AuthenticationChecks.Dkim);
        Assert.Contains("spf=pass", result, StringComparison.Ordinal);
        Assert.DoesNotContain("dmarc=", result, StringComparison.Ordinal);
        Assert.DoesNotContain("_dmarc.sender.test", dns.Asked);
    }

    [Fact]
    public async Task No_checks_ask_nothing_and_say_none()
    {
        var dns = new RecordingDns();
        var result = await AuthenticateAsync(dns, AuthenticationChecks.None);
        Assert.Equal("mx.example.test; none", result);
        Assert.Empty(dns.Asked);
    }

    private static async Task<string> AuthenticateAsync(RecordingDns dns, AuthenticationChecks checks)
    {
        using var content = new MemoryStream(Message);
        return await new MessageAuthenticator(dns, TimeProvider.System).AuthenticateAsync(
            "mx.example.test", Client, "client.sender.test", "someone@sender.test", content, TimeSpan.FromSeconds(5), checks);
    }

    private sealed class RecordingDns : IDnsResolver
    {
        public Dictionary<string, string[]> Txt { get; } = [];

        public ConcurrentBag<string> Asked { get; } = [];

        public Task<IReadOnlyList<MxHost>> ResolveMxAsync(string domain, CancellationToken cancellationToken = default)
        {
            Asked.Add(domain);
            return Task.FromResult<IReadOnlyList<MxHost>>([]);
        }

        public Task<IReadOnlyList<IPAddress>> ResolveAddressesAsync(string host, CancellationToken cancellationToken = default)
        {
            Asked.Add(host);
            return Task.FromResult<IReadOnlyList<IPAddress>>([]);
        }

        public Task<IReadOnlyList<string>> ResolveTxtAsync(string name, CancellationToken cancellationToken = default)
        {
            Asked.Add(name);
            return Task.FromResult<IReadOnlyList<string>>(Txt.GetValueOrDefault(name) ?? []);
        }
    }
}
