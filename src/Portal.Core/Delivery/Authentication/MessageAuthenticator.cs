using System.Net;
using MimeKit;
using MimeKit.Cryptography;
using Portal.Core.Dns;

namespace Portal.Core.Delivery.Authentication;

/// <summary>
/// Works out the Authentication-Results value (RFC 8601) for mail arriving at the MX: SPF for the MAIL FROM domain (or
/// the EHLO name for the null sender, RFC 7208 §2.4), every DKIM signature (RFC 6376, verified by MimeKit) and the
/// DMARC verdict. Bounded by <paramref name="budget"/>: whatever is not answered in time is a temperror. Never throws
/// for DNS trouble and never refuses mail. A check switched off is not run and not named in the result; DMARC then
/// decides on what was checked.
/// </summary>
public sealed class MessageAuthenticator(IDnsResolver dns, TimeProvider time)
{
    public async Task<string> AuthenticateAsync(string authServId, IPAddress? client, string helo, string mailFrom, Stream message, TimeSpan budget, AuthenticationChecks checks, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var timeout = new CancellationTokenSource(budget, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        var token = linked.Token;

        var at = mailFrom.LastIndexOf('@');
        var spfDomain = at < 0 ? helo : mailFrom[(at + 1)..];
        var spf = SpfResult.None;
        if (client is not null && checks.HasFlag(AuthenticationChecks.Spf))
        {
            try
            {
                spf = await new SpfEvaluator(dns).CheckAsync(client, spfDomain, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                spf = SpfResult.TempError;
            }
        }

        // The header first: only a DKIM-Signature makes the whole message worth parsing (for its body hash).
        var start = message.CanSeek ? message.Position : -1;
        HeaderList headers;
        var dkim = new List<DkimResult>();
        try
        {
            if (start < 0)
            {
                var whole = await MimeMessage.LoadAsync(ParserOptions.Default, message, persistent: false, CancellationToken.None).ConfigureAwait(false);
                headers = whole.Headers;
                if (checks.HasFlag(AuthenticationChecks.Dkim))
                {
                    dkim = await VerifyDkimAsync(whole, timeout, cancellationToken).ConfigureAwait(false);
                }
            }
            else
            {
                headers = await new MimeParser(message, MimeFormat.Entity).ParseHeadersAsync(CancellationToken.None).ConfigureAwait(false);
                if (checks.HasFlag(AuthenticationChecks.Dkim) && headers.Contains(HeaderId.DkimSignature))
                {
                    message.Position = start;
                    var whole = await MimeMessage.LoadAsync(ParserOptions.Default, message, persistent: true, CancellationToken.None).ConfigureAwait(false);
                    dkim = await VerifyDkimAsync(whole, timeout, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (FormatException)
        {
            headers = [];
        }

        var fromDomain = headers.IndexOf(HeaderId.From) is var index and >= 0
            && InternetAddressList.TryParse(ParserOptions.Default, headers[index].RawValue, out var from)
            ? from.Mailboxes.FirstOrDefault()?.Domain
            : null;
        var dmarc = "none";
        if (fromDomain is { Length: > 0 } && checks.HasFlag(AuthenticationChecks.Dmarc))
        {
            try
            {
                (dmarc, _) = await new DmarcEvaluator(dns).EvaluateAsync(fromDomain, spf, at < 0 ? null : spfDomain, dkim, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                dmarc = "temperror";
            }
        }

        var parts = new List<string> { authServId };
        if (checks.HasFlag(AuthenticationChecks.Spf))
        {
            parts.Add($"spf={Name(spf)} smtp.mailfrom={Value(mailFrom.Length == 0 ? helo : mailFrom)}");
        }

        if (checks.HasFlag(AuthenticationChecks.Dkim))
        {
            parts.AddRange(dkim.Count == 0 ? ["dkim=none"] : dkim.Select(d => $"dkim={d.Result} header.d={Value(d.Domain)} header.s={Value(d.Selector)}"));
        }

        if (checks.HasFlag(AuthenticationChecks.Dmarc))
        {
            parts.Add(fromDomain is null ? "dmarc=none" : $"dmarc={dmarc} header.from={Value(fromDomain)}");
        }

        // RFC 8601 §2.2: "none" when no method was run at all.
        return parts.Count == 1 ? $"{authServId}; none" : string.Join(";\r\n\t", parts);
    }

    private async Task<List<DkimResult>> VerifyDkimAsync(MimeMessage message, CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        var results = new List<DkimResult>();
        var verifier = new DkimVerifier(new DnsDkimKeyLocator(dns));
        foreach (var header in message.Headers.Where(h => h.Id == HeaderId.DkimSignature).Take(5))
        {
            var tags = Tags(header.Value);
            var domain = tags.GetValueOrDefault("d") ?? string.Empty;
            var selector = tags.GetValueOrDefault("s") ?? string.Empty;
            string result;
            try
            {
                result = await verifier.VerifyAsync(message, header, timeout.Token).ConfigureAwait(false) ? "pass" : "fail";
            }
            catch (DnsUnavailableException)
            {
                result = "temperror";
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                result = "temperror";
            }
            catch (Exception ex) when (ex is FormatException or NotSupportedException or ArgumentException or Org.BouncyCastle.Security.SecurityUtilityException or InvalidOperationException)
            {
                // A malformed signature or key, or no key published: RFC 8601 §2.7.1 permerror.
                result = "permerror";
            }

            results.Add(new DkimResult(result, domain, selector));
        }

        return results;
    }

    private static Dictionary<string, string> Tags(string value) =>
        value.Split(';').Select(t => t.Trim()).Where(t => t.Contains('=', StringComparison.Ordinal))
            .Select(t => (Key: t[..t.IndexOf('=', StringComparison.Ordinal)].Trim(), Value: t[(t.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim()))
            .GroupBy(t => t.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => string.Concat(g.First().Value.Where(c => !char.IsWhiteSpace(c))), StringComparer.OrdinalIgnoreCase);

    private static string Name(SpfResult result) => result.ToString().ToLowerInvariant();

    // RFC 8601 §2.2: a value is a token or a quoted string; keep it to visible ASCII without specials.
    private static string Value(string text)
    {
        var clean = new string(text.Where(c => c is > ' ' and < (char)127 and not ';' and not '"' and not '(' and not ')' and not '\\').ToArray());
        return clean.Length == 0 ? "\"\"" : clean;
    }
}
