using Portal.Core.Dns;

namespace Portal.Core.Delivery.Authentication;

/// <summary>
/// The DMARC verdict (RFC 7489 §6.6): pass when SPF passed for an aligned MAIL FROM domain or DKIM passed for an aligned
/// d=, with relaxed alignment (§3.1) judged on the last two labels (no public suffix list yet). Not enforced: recorded only.
/// </summary>
public sealed class DmarcEvaluator(IDnsResolver dns)
{
    public async Task<(string Result, string? Policy)> EvaluateAsync(string fromDomain, SpfResult spf, string? mailFromDomain, IReadOnlyList<DkimResult> dkim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dkim);
        IReadOnlyList<string> records;
        try
        {
            records = await dns.ResolveTxtAsync("_dmarc." + fromDomain, cancellationToken).ConfigureAwait(false);
            if (!records.Any(IsDmarc) && Organizational(fromDomain) != fromDomain)
            {
                records = await dns.ResolveTxtAsync("_dmarc." + Organizational(fromDomain), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (DnsUnavailableException)
        {
            return ("temperror", null);
        }

        var record = records.FirstOrDefault(IsDmarc);
        if (record is null)
        {
            return ("none", null);
        }

        var policy = record.Split(';').Select(t => t.Trim()).FirstOrDefault(t => t.StartsWith("p=", StringComparison.OrdinalIgnoreCase))?[2..].ToLowerInvariant() ?? "none";
        var aligned = (spf == SpfResult.Pass && mailFromDomain is not null && Aligned(mailFromDomain, fromDomain))
            || dkim.Any(d => d.Result == "pass" && Aligned(d.Domain, fromDomain));
        return (aligned ? "pass" : "fail", policy);
    }

    private static bool IsDmarc(string record) => record.StartsWith("v=DMARC1", StringComparison.OrdinalIgnoreCase);

    private static bool Aligned(string a, string b) => string.Equals(Organizational(a), Organizational(b), StringComparison.OrdinalIgnoreCase);

    private static string Organizational(string domain)
    {
        var labels = domain.TrimEnd('.').ToLowerInvariant().Split('.');
        return labels.Length <= 2 ? string.Join('.', labels) : string.Join('.', labels[^2..]);
    }
}
