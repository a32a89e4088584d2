using System.Collections.Concurrent;
using System.Net;
using Portal.Core.Dns;

namespace Portal.Protocols.Tests.Smtp;

/// <summary>
/// Every domain's MX is mx.&lt;domain&gt; on 127.0.0.1, except "nomx.test" (null MX) and "dnsfail.test" (no answer);
/// TXT records come from <see cref="Txt"/>, which tests fill.
/// </summary>
public sealed class LoopbackDnsResolver : IDnsResolver
{
    public static ConcurrentDictionary<string, string[]> Txt { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Task<IReadOnlyList<MxHost>> ResolveMxAsync(string domain, CancellationToken cancellationToken = default) => domain switch
    {
        "nomx.test" => Task.FromResult<IReadOnlyList<MxHost>>([new MxHost(".", 0)]),
        "dnsfail.test" => throw new DnsUnavailableException("timed out"),
        _ => Task.FromResult<IReadOnlyList<MxHost>>([new MxHost("mx." + domain, 10)]),
    };

    public Task<IReadOnlyList<IPAddress>> ResolveAddressesAsync(string host, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<IPAddress>>([IPAddress.Loopback]);

    public Task<IReadOnlyList<string>> ResolveTxtAsync(string name, CancellationToken cancellationToken = default) =>
        name.StartsWith("dnsfail.", StringComparison.Ordinal) || name.EndsWith(".dnsfail.test", StringComparison.Ordinal) || name == "dnsfail.test"
            ? throw new DnsUnavailableException("timed out")
            : Task.FromResult<IReadOnlyList<string>>(Txt.GetValueOrDefault(name) ?? []);
}
