using System.Globalization;
using System.Text.RegularExpressions;

namespace Portal.Core.Tenancy;

/// <summary>Validation and normalisation of domain names and mailbox addresses (RFC 5321 §4.1.2, RFC 5890 for IDNs).</summary>
public static partial class AddressSyntax
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    /// <summary>Lower-cases a domain name and turns an IDN into its ASCII form; null when it is not a valid host name.</summary>
    public static string? NormalizeDomain(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(name.Trim().TrimEnd('.')).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return null;
        }

        // A domain needs at least two labels; each label 1-63 characters, the whole at most 253.
        return ascii.Length <= 253 && ascii.Contains('.', StringComparison.Ordinal) && DomainPattern().IsMatch(ascii) ? ascii : null;
    }

    /// <summary>Splits and normalises an address; false when it is not a valid mailbox address.</summary>
    public static bool TryNormalizeAddress(string? address, out string localPart, out string domain)
    {
        localPart = domain = string.Empty;
        if (string.IsNullOrWhiteSpace(address))
        {
            return false;
        }

        var trimmed = address.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1)
        {
            return false;
        }

        var local = trimmed[..at];
        var normalizedDomain = NormalizeDomain(trimmed[(at + 1)..]);
        if (normalizedDomain is null || local.Length > 64 || !LocalPartPattern().IsMatch(local) ||
            local.StartsWith('.') || local.EndsWith('.') || local.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        localPart = local.ToLowerInvariant();
        domain = normalizedDomain;
        return true;
    }

    /// <summary>The normalised address, or null when invalid.</summary>
    public static string? NormalizeAddress(string? address) =>
        TryNormalizeAddress(address, out var local, out var domain) ? $"{local}@{domain}" : null;

    [GeneratedRegex("^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();

    // RFC 5322 dot-atom text, plus UTF-8 local parts (RFC 6531).
    [GeneratedRegex("^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\\-\\u0080-\\uFFFF]+$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalPartPattern();
}
