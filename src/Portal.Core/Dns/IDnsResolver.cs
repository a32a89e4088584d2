using System.Net;

namespace Portal.Core.Dns;

/// <summary>
/// The DNS lookups mail needs, bounded by short timeouts. A failure to get an answer throws <see cref="DnsUnavailableException"/>;
/// a name that does not exist gives an empty list.
/// </summary>
public interface IDnsResolver
{
    /// <summary>MX hosts by preference (lowest first); empty when there are none. A null MX (RFC 7505) gives one host ".".</summary>
    Task<IReadOnlyList<MxHost>> ResolveMxAsync(string domain, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<IPAddress>> ResolveAddressesAsync(string host, CancellationToken cancellationToken = default);

    /// <summary>TXT records, each joined from its strings (SPF, DMARC, DKIM keys).</summary>
    Task<IReadOnlyList<string>> ResolveTxtAsync(string name, CancellationToken cancellationToken = default);
}
