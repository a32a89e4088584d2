using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.Delivery.Forwarding;

/// <summary>
/// The Sender Rewriting Scheme for forwarded mail: the envelope sender becomes
/// <c>SRS0=hash=tt=domain=local@forwarder</c>, so that SPF at the next hop checks our domain, and a bounce comes back
/// here to be routed to the original sender. <c>tt</c> is the day number (mod 1024) in base32, <c>hash</c> a keyed
/// HMAC-SHA256 over the day, domain and local part, all case-folded (base32, so case changes on the way do not break it).
/// An address whose hash does not match, or whose day is older than <see cref="MaxAge"/>, is refused.
/// </summary>
public sealed class SrsAddress(byte[] key, TimeSpan maxAge)
{
    public const string Prefix = "SRS0=";
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const int HashLength = 8;
    private const int DayModulus = 1024;

    public TimeSpan MaxAge { get; } = maxAge;

    public static bool Looks(string localPart) =>
        localPart is not null && localPart.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase);

    /// <summary>Rewrites <paramref name="sender"/> for forwarding from <paramref name="forwarderDomain"/>; the null sender stays null.</summary>
    public string Rewrite(string sender, string forwarderDomain, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sender);
        var at = sender.LastIndexOf('@');
        if (sender.Length == 0 || at <= 0 || at == sender.Length - 1)
        {
            return sender;
        }

        var local = sender[..at];
        var domain = sender[(at + 1)..].ToLowerInvariant();
        var day = Day(now);
        return $"{Prefix}{Hash(day, domain, local)}={day}={domain}={local}@{forwarderDomain}";
    }

    /// <summary>The original sender of a rewritten local part, or null when it is forged, damaged or expired.</summary>
    public string? Reverse(string localPart, DateTimeOffset now)
    {
        if (!Looks(localPart))
        {
            return null;
        }

        var parts = localPart[Prefix.Length..].Split('=', 4);
        if (parts.Length != 4 || parts[1].Length != 2 || parts[2].Length == 0 || parts[3].Length == 0)
        {
            return null;
        }

        var (hash, day, domain, local) = (parts[0], parts[1].ToUpperInvariant(), parts[2].ToLowerInvariant(), parts[3]);
        var expected = Hash(day, domain, local);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hash.ToUpperInvariant()), Encoding.ASCII.GetBytes(expected)))
        {
            return null;
        }

        if (DayNumber(day) is not { } stamp)
        {
            return null;
        }

        // Days wrap at 1024 (about 2.8 years): the age is the distance back from today, modulo that.
        var today = (int)(now.ToUnixTimeSeconds() / 86400 % DayModulus);
        var age = ((today - stamp) % DayModulus + DayModulus) % DayModulus;
        return age > MaxAge.TotalDays ? null : $"{local}@{domain}";
    }

    private static string Day(DateTimeOffset now)
    {
        var day = (int)(now.ToUnixTimeSeconds() / 86400 % DayModulus);
        return new string([Base32[day >> 5], Base32[day & 31]]);
    }

    private static int? DayNumber(string day)
    {
        var high = Base32.IndexOf(day[0], StringComparison.Ordinal);
        var low = Base32.IndexOf(day[1], StringComparison.Ordinal);
        return high < 0 || low < 0 ? null : (high << 5) | low;
    }

    private string Hash(string day, string domain, string local)
    {
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{day.ToUpperInvariant()}\n{domain}\n{local.ToLowerInvariant()}"));
        var text = new StringBuilder(HashLength);
        for (var i = 0; i < HashLength; i++)
        {
            text.Append(Base32[mac[i] & 31]);
        }

        return text.ToString();
    }
}
