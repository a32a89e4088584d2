using System.Net;
using System.Net.Sockets;
using Portal.Core.Dns;

namespace Portal.Core.Delivery.Authentication;

/// <summary>
/// check_host() of RFC 7208 §4 for the mechanisms all, include, a, mx, ip4, ip6, exists and the redirect modifier, with
/// the limits of §4.6.4 (10 DNS-querying terms, 2 void lookups). Macros (§7) are not expanded: a term that uses one is a
/// permerror. A DNS failure is a temperror, never a reason to refuse mail.
/// </summary>
public sealed class SpfEvaluator(IDnsResolver dns)
{
    private const int MaxLookups = 10;
    private const int MaxVoidLookups = 2;

    public async Task<SpfResult> CheckAsync(IPAddress client, string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var state = new State();
        try
        {
            return await CheckHostAsync(client, domain.TrimEnd('.').ToLowerInvariant(), state, 0, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsUnavailableException)
        {
            return SpfResult.TempError;
        }
        catch (SpfPermanentException)
        {
            return SpfResult.PermError;
        }
    }

    private async Task<SpfResult> CheckHostAsync(IPAddress client, string domain, State state, int depth, CancellationToken cancellationToken)
    {
        if (depth > MaxLookups)
        {
            throw new SpfPermanentException();
        }

        var records = (await dns.ResolveTxtAsync(domain, cancellationToken).ConfigureAwait(false))
            .Where(t => t.Equals("v=spf1", StringComparison.OrdinalIgnoreCase) || t.StartsWith("v=spf1 ", StringComparison.OrdinalIgnoreCase)).ToList();
        if (records.Count == 0)
        {
            return SpfResult.None;
        }

        // RFC 7208 §4.5: more than one record is a permerror.
        if (records.Count > 1)
        {
            throw new SpfPermanentException();
        }

        string? redirect = null;
        foreach (var term in records[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
        {
            if (term.Contains('%', StringComparison.Ordinal))
            {
                throw new SpfPermanentException();
            }

            var eq = term.IndexOf('=', StringComparison.Ordinal);
            var colon = term.IndexOf(':', StringComparison.Ordinal);
            if (eq > 0 && (colon < 0 || eq < colon))
            {
                // Modifiers (§6): redirect applies only when no mechanism matched; unknown ones are ignored.
                if (term[..eq].Equals("redirect", StringComparison.OrdinalIgnoreCase))
                {
                    redirect = term[(eq + 1)..];
                }

                continue;
            }

            var qualifier = term[0] is '+' or '-' or '~' or '?' ? term[0] : '+';
            var mechanism = qualifier == term[0] && term[0] is '+' or '-' or '~' or '?' ? term[1..] : term;
            if (await MatchesAsync(client, domain, mechanism, state, depth, cancellationToken).ConfigureAwait(false))
            {
                return qualifier switch
                {
                    '-' => SpfResult.Fail,
                    '~' => SpfResult.SoftFail,
                    '?' => SpfResult.Neutral,
                    _ => SpfResult.Pass,
                };
            }
        }

        if (redirect is not null)
        {
            Count(state);
            var result = await CheckHostAsync(client, redirect.ToLowerInvariant(), state, depth + 1, cancellationToken).ConfigureAwait(false);

            // §6.1: a redirect to a domain without a record is a permerror.
            return result == SpfResult.None ? throw new SpfPermanentException() : result;
        }

        return SpfResult.Neutral;
    }

    private async Task<bool> MatchesAsync(IPAddress client, string domain, string mechanism, State state, int depth, CancellationToken cancellationToken)
    {
        var (name, argument, cidr4, cidr6) = Split(mechanism);
        switch (name)
        {
            case "all":
                return true;
            case "include":
                {
                    Count(state);
                    var result = await CheckHostAsync(client, Required(argument), state, depth + 1, cancellationToken).ConfigureAwait(false);

                    // §5.2: pass matches; fail, softfail and neutral do not; errors propagate.
                    return result switch
                    {
                        SpfResult.Pass => true,
                        SpfResult.TempError => throw new DnsUnavailableException("include temperror"),
                        SpfResult.PermError or SpfResult.None => throw new SpfPermanentException(),
                        _ => false,
                    };
                }

            case "a":
                Count(state);
                return InAny(client, await AddressesAsync(argument ?? domain, state, cancellationToken).ConfigureAwait(false), cidr4, cidr6);
            case "mx":
                {
                    Count(state);
                    var hosts = await dns.ResolveMxAsync(argument ?? domain, cancellationToken).ConfigureAwait(false);
                    Void(state, hosts.Count);
                    foreach (var host in hosts.Take(10).Where(h => !h.IsNull))
                    {
                        if (InAny(client, await dns.ResolveAddressesAsync(host.Host, cancellationToken).ConfigureAwait(false), cidr4, cidr6))
                        {
                            return true;
                        }
                    }

                    return false;
                }

            case "ip4" or "ip6":
                {
                    if (!IPAddress.TryParse(Required(argument), out var network))
                    {
                        throw new SpfPermanentException();
                    }

                    return InNetwork(client, network, network.AddressFamily == AddressFamily.InterNetwork ? cidr4 : cidr6);
                }

            case "exists":
                Count(state);
                return (await AddressesAsync(Required(argument), state, cancellationToken).ConfigureAwait(false)).Count > 0;
            case "ptr":
                // §5.5: "SHOULD NOT be used"; counted and treated as not matching.
                Count(state);
                return false;
            default:
                throw new SpfPermanentException();
        }
    }

    private async Task<IReadOnlyList<IPAddress>> AddressesAsync(string host, State state, CancellationToken cancellationToken)
    {
        var addresses = await dns.ResolveAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        Void(state, addresses.Count);
        return addresses;
    }

    private static (string Name, string? Argument, int Cidr4, int Cidr6) Split(string mechanism)
    {
        int cidr4 = 32, cidr6 = 128;
        var text = mechanism;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var colonIndex = text.IndexOf(':', StringComparison.Ordinal);
        var lower = text.ToLowerInvariant();
        var isIp = lower.StartsWith("ip4:", StringComparison.Ordinal) || lower.StartsWith("ip6:", StringComparison.Ordinal);
        if (slash >= 0 && (isIp || colonIndex < 0 || slash > colonIndex))
        {
            var lengths = text[(slash + 1)..].Split('/');
            text = text[..slash];
            if (isIp && lower.StartsWith("ip6:", StringComparison.Ordinal))
            {
                cidr6 = Prefix(lengths[0], 128);
            }
            else
            {
                cidr4 = lengths[0].Length == 0 ? 32 : Prefix(lengths[0], 32);
                if (lengths.Length > 2 || (lengths.Length == 2 && lengths[1].Length > 0))
                {
                    cidr6 = Prefix(lengths[^1], 128);
                }
            }
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (text.ToLowerInvariant(), null, cidr4, cidr6) : (text[..colon].ToLowerInvariant(), text[(colon + 1)..], cidr4, cidr6);
    }

    private static int Prefix(string text, int max) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n <= max ? n : throw new SpfPermanentException();

    private static string Required(string? argument) => string.IsNullOrEmpty(argument) ? throw new SpfPermanentException() : argument;

    private static bool InAny(IPAddress client, IReadOnlyList<IPAddress> addresses, int cidr4, int cidr6) =>
        addresses.Any(a => InNetwork(client, a, a.AddressFamily == AddressFamily.InterNetwork ? cidr4 : cidr6));

    private static bool InNetwork(IPAddress client, IPAddress network, int prefix)
    {
        if (client.IsIPv4MappedToIPv6)
        {
            client = client.MapToIPv4();
        }

        if (client.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        // Compare the first prefix bits; the record's address may have host bits set (192.0.2.5/24 is valid SPF).
        var a = client.GetAddressBytes();
        var b = network.GetAddressBytes();
        var whole = prefix / 8;
        if (!a.AsSpan(0, whole).SequenceEqual(b.AsSpan(0, whole)))
        {
            return false;
        }

        var rest = prefix % 8;
        if (rest == 0)
        {
            return true;
        }

        var mask = (byte)(0xFF << (8 - rest));
        return (a[whole] & mask) == (b[whole] & mask);
    }

    private static void Count(State state)
    {
        if (++state.Lookups > MaxLookups)
        {
            throw new SpfPermanentException();
        }
    }

    private static void Void(State state, int answers)
    {
        if (answers == 0 && ++state.VoidLookups > MaxVoidLookups)
        {
            throw new SpfPermanentException();
        }
    }

    private sealed class State
    {
        public int Lookups { get; set; }

        public int VoidLookups { get; set; }
    }

    private sealed class SpfPermanentException : Exception;
}
