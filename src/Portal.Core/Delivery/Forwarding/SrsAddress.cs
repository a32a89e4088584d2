using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.Delivery.Forwarding;

/// <summary>
/// The Sender Rewriting Scheme for forwarded mail: the envelope sender becomes
/// <c>SRS0=hash=tt=domain=local@forwarder</c>, so that SPF at the next hop checks our domain, and a bounce comes back
/// here to be routed to the original sender. <c>tt</c> is the day number (mod 1024) in base32, <c>hash</c> a keyed
/// HMAC-SHA256 over the day, domain and local part, all case-folded (base32, so case changes on the way do not break it).
/// An address whose hash does not match, or whose day is older than <see cref="MaxAge"/>, is refused.
/// A sender that is already another forwarder's SRS0 address is not wrapped again but turned into
/// <c>SRS1=hash=first-forwarder==hash0=tt=domain=local@forwarder</c> (the SRS paper's SRS1 form): a bounce goes straight
/// back to the first forwarder's SRS0 address, and the local part stops growing however many forwarders re-forward
/// (an SRS1 sender keeps its first forwarder and gets a new hash).
/// </summary>
public sealed class SrsAddress(byte[] key, TimeSpan maxAge)
{
    public const string Prefix = "SRS0=";
    public const string RelayPrefix = "SRS1=";
    private const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const int HashLength = 8;
    private const int DayModulus = 1024;

    public TimeSpan MaxAge { get; } = maxAge;

    public static bool Looks(string localPart) =>
        localPart is not null && (localPart.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || localPart.StartsWith(RelayPrefix, StringComparison.OrdinalIgnoreCase));

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
        if (local.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
        {
            // Another forwarder's SRS0: "=hash0=tt=domain=local" is opaque to us; the bounce goes back to that forwarder.
            var opaque = local[(Prefix.Length - 1)..];
            return $"{RelayPrefix}{RelayHash(domain, opaque)}={domain}={opaque}@{forwarderDomain}";
        }

        if (local.StartsWith(RelayPrefix, StringComparison.OrdinalIgnoreCase) && SplitRelay(local) is (var first, var relayed))
        {
            return $"{RelayPrefix}{RelayHash(first, relayed)}={first}={relayed}@{forwarderDomain}";
        }

        var day = Day(now);
        return $"{Prefix}{Hash(day, domain, local)}={day}={domain}={local}@{forwarderDomain}";
    }

    /// <summary>
    /// The original sender of a rewritten local part, or null when it is forged, damaged or expired. For an SRS1 local
    /// part that is the first forwarder's SRS0 address (whose own age check is that forwarder's).
    /// </summary>
    public string? Reverse(string localPart, DateTimeOffset now)
    {
        if (localPart is not null && localPart.StartsWith(RelayPrefix, StringComparison.OrdinalIgnoreCase))
        {
            if (SplitRelay(localPart) is not (var first, var relayed) || relayed.Length < 2)
            {
                return null;
            }

            var relayHash = localPart[RelayPrefix.Length..localPart.IndexOf('=', RelayPrefix.Length)];
            return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(relayHash.ToUpperInvariant()), Encoding.ASCII.GetBytes(RelayHash(first, relayed)))
                ? $"SRS0{relayed}@{first}"
                : null;
        }

        if (localPart is null || !localPart.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase))
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

    /// <summary>"SRS1=hash=first==rest": the first forwarder's domain and "=rest" (its SRS0 local part without "SRS0").</summary>
    private static (string First, string Relayed)? SplitRelay(string local)
    {
        var hashEnd = local.IndexOf('=', RelayPrefix.Length);
        var firstEnd = hashEnd < 0 ? -1 : local.IndexOf('=', hashEnd + 1);
        if (hashEnd < 0 || firstEnd <= hashEnd + 1 || firstEnd + 1 >= local.Length || local[firstEnd + 1] != '=')
        {
            return null;
        }

        return (local[(hashEnd + 1)..firstEnd].ToLowerInvariant(), local[(firstEnd + 1)..]);
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

    private string Hash(string day, string domain, string local) =>
        Encode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{day.ToUpperInvariant()}\n{domain}\n{local.ToLowerInvariant()}")));

    // Distinct input shape ("SRS1" first) so an SRS0 hash can never be replayed as an SRS1 one.
    private string RelayHash(string firstForwarder, string relayed) =>
        Encode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"SRS1\n{firstForwarder.ToLowerInvariant()}\n{relayed.ToLowerInvariant()}")));

    private static string Encode(byte[] mac)
    {
        var text = new StringBuilder(HashLength);
        for (var i = 0; i < HashLength; i++)
        {
            text.Append(Base32[mac[i] & 31]);
        }

        return text.ToString();
    }
}
