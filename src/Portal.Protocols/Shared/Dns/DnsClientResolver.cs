using System.Net;
using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Options;
using Portal.Core.Dns;

namespace Portal.Protocols.Shared.Dns;

/// <summary><see cref="IDnsResolver"/> over DnsClient, with the servers and timeouts of <see cref="DnsOptions"/>.</summary>
public sealed class DnsClientResolver : IDnsResolver
{
    private readonly LookupClient _client;

    public DnsClientResolver(IOptions<DnsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var servers = settings.Servers.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => IPEndPoint.TryParse(s, out var endpoint) ? new IPEndPoint(endpoint.Address, endpoint.Port == 0 ? 53 : endpoint.Port) : throw new InvalidOperationException($"Portal:Dns:Servers: '{s}' is not an address."))
            .ToArray();
        var lookup = servers.Length == 0 ? new LookupClientOptions() : new LookupClientOptions(servers);
        lookup.Timeout = settings.Timeout;
        lookup.Retries = settings.Retries;
        lookup.UseCache = true;
        lookup.ThrowDnsErrors = false;
        lookup.ContinueOnDnsError = true;
        _client = new LookupClient(lookup);
    }

    public async Task<IReadOnlyList<MxHost>> ResolveMxAsync(string domain, CancellationToken cancellationToken = default)
    {
        var response = await QueryAsync(domain, QueryType.MX, cancellationToken).ConfigureAwait(false);
        return response.Answers.MxRecords()
            .Select(r => new MxHost(r.Exchange.Value.TrimEnd('.') is { Length: > 0 } host ? host : ".", r.Preference))
            .OrderBy(m => m.Preference).ToList();
    }

    public async Task<IReadOnlyList<IPAddress>> ResolveAddressesAsync(string host, CancellationToken cancellationToken = default)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        var v4 = await QueryAsync(host, QueryType.A, cancellationToken).ConfigureAwait(false);
        var v6 = await QueryAsync(host, QueryType.AAAA, cancellationToken).ConfigureAwait(false);
        return [.. v4.Answers.ARecords().Select(a => a.Address), .. v6.Answers.AaaaRecords().Select(a => a.Address)];
    }

    public async Task<IReadOnlyList<string>> ResolveTxtAsync(string name, CancellationToken cancellationToken = default)
    {
        var response = await QueryAsync(name, QueryType.TXT, cancellationToken).ConfigureAwait(false);
        return response.Answers.TxtRecords().Select(t => string.Concat(t.Text)).ToList();
    }

    private async Task<IDnsQueryResponse> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        IDnsQueryResponse response;
        try
        {
            response = await _client.QueryAsync(name, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsResponseException ex)
        {
            throw new DnsUnavailableException($"DNS {type} {name}: {ex.Message}", ex);
        }

        // NXDOMAIN and NODATA are answers (empty lists); anything else without an answer is a failure to ask again later.
        if (response.HasError && response.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
        {
            throw new DnsUnavailableException($"DNS {type} {name}: {response.ErrorMessage}");
        }

        return response;
    }
}
