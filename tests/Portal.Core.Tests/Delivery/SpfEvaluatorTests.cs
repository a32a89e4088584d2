using System.Net;
using Portal.Core.Delivery.Authentication;
using Portal.Core.Dns;

namespace Portal.Core.Tests.Delivery;

public sealed class SpfEvaluatorTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.10");

    [Theory]
    [InlineData("v=spf1 ip4:192.0.2.0/24 -all", SpfResult.Pass)]
    [InlineData("v=spf1 ip4:192.0.2.10/32 -all", SpfResult.Pass)]
    [InlineData("v=spf1 ip4:198.51.100.0/24 -all", SpfResult.Fail)]
    [InlineData("v=spf1 ip4:198.51.100.0/24 ~all", SpfResult.SoftFail)]
    [InlineData("v=spf1 ?all", SpfResult.Neutral)]
    [InlineData("v=spf1 ip4:198.51.100.1", SpfResult.Neutral)]
    [InlineData("v=spf1 a -all", SpfResult.Pass)]
    [InlineData("v=spf1 mx -all", SpfResult.Pass)]
    [InlineData("v=spf1 include:other.test -all", SpfResult.Pass)]
    [InlineData("v=spf1 redirect=other.test", SpfResult.Pass)]
    [InlineData("v=spf1 include:missing.test -all", SpfResult.PermError)]
    [InlineData("v=spf1 ip4:%{i} -all", SpfResult.PermError)]
    [InlineData("v=spf1 include:down.test -all", SpfResult.TempError)]
    [InlineData("v=spf1 bogus -all", SpfResult.PermError)]
    public async Task Records_evaluate_per_rfc_7208(string record, SpfResult expected)
    {
        var dns = new FakeDns { Txt = { ["example.test"] = [record], ["other.test"] = ["v=spf1 ip4:192.0.2.10 -all"] } };
        Assert.Equal(expected, await new SpfEvaluator(dns).CheckAsync(Client, "example.test"));
    }

    [Fact]
    public async Task No_record_is_none_and_two_records_are_a_permerror()
    {
        var dns = new FakeDns { Txt = { ["two.test"] = ["v=spf1 -all", "v=spf1 +all"] } };
        Assert.Equal(SpfResult.None, await new SpfEvaluator(dns).CheckAsync(Client, "none.test"));
        Assert.Equal(SpfResult.PermError, await new SpfEvaluator(dns).CheckAsync(Client, "two.test"));
    }

    [Fact]
    public async Task More_than_ten_lookups_is_a_permerror()
    {
        var dns = new FakeDns();
        for (var i = 0; i < 12; i++)
        {
            dns.Txt[$"l{i}.test"] = [$"v=spf1 include:l{i + 1}.test -all"];
        }

        dns.Txt["l12.test"] = ["v=spf1 +all"];
        Assert.Equal(SpfResult.PermError, await new SpfEvaluator(dns).CheckAsync(Client, "l0.test"));
    }

    private sealed class FakeDns : IDnsResolver
    {
        public Dictionary<string, string[]> Txt { get; } = [];

        public Task<IReadOnlyList<MxHost>> ResolveMxAsync(string domain, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<MxHost>>([new MxHost("mx." + domain, 10)]);

        public Task<IReadOnlyList<IPAddress>> ResolveAddressesAsync(string host, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<IPAddress>>([Client]);

        public Task<IReadOnlyList<string>> ResolveTxtAsync(string name, CancellationToken cancellationToken = default) =>
            name == "down.test" ? throw new DnsUnavailableException("timeout") : Task.FromResult<IReadOnlyList<string>>(Txt.GetValueOrDefault(name) ?? []);
    }
}
