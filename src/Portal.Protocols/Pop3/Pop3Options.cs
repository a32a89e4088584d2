using System.ComponentModel.DataAnnotations;

namespace Portal.Protocols.Pop3;

/// <summary>Limits and policy of the POP3 server (<c>Portal:Pop3</c>).</summary>
public sealed class Pop3Options
{
    public const string SectionName = "Portal:Pop3";

    /// <summary>Longest command line (RFC 2449 §4 allows 255 octets; some clients send longer AUTH lines).</summary>
    [Range(255, 65536)]
    public int MaxLineLength { get; set; } = 8192;

    /// <summary>Bad commands after which the server closes the connection.</summary>
    [Range(1, 1000)]
    public int MaxBadCommands { get; set; } = 10;

    /// <summary>RFC 1939 §3: the inactivity autologout timer must be at least 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Allow USER/PASS and AUTH PLAIN without TLS from loopback addresses.</summary>
    public bool AllowPlaintextOnLoopback { get; set; } = true;

    /// <summary>Allow USER/PASS and AUTH PLAIN without TLS from anywhere.</summary>
    public bool AllowPlaintextEverywhere { get; set; }
}
