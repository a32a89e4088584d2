using System.ComponentModel.DataAnnotations;

namespace Portal.Protocols.Imap;

/// <summary>Limits and policy of the IMAP server (<c>Portal:Imap</c>).</summary>
public sealed class ImapOptions
{
    public const string SectionName = "Portal:Imap";

    /// <summary>Longest command line, literals excluded (RFC 7162 §4 asks for at least 8192).</summary>
    [Range(1024, 1048576)]
    public int MaxLineLength { get; set; } = 65536;

    /// <summary>Largest literal (and so the largest message APPEND takes, advertised as APPENDLIMIT); larger ones are refused before they are read.</summary>
    [Range(1024, 1073741824)]
    public long MaxLiteralSize { get; set; } = 52428800;

    /// <summary>Bad commands in a row after which the server says BYE.</summary>
    [Range(1, 1000)]
    public int MaxBadCommands { get; set; } = 10;

    /// <summary>A connection silent for this long is closed (RFC 9051 §5.4: at least 30 minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Allow LOGIN and AUTHENTICATE PLAIN without TLS from loopback addresses (as Dovecot does for local clients).</summary>
    public bool AllowPlaintextOnLoopback { get; set; } = true;

    /// <summary>Allow LOGIN and AUTHENTICATE PLAIN without TLS from anywhere. Off: LOGINDISABLED is advertised (RFC 3501 §6.2.3).</summary>
    public bool AllowPlaintextEverywhere { get; set; }

    /// <summary>
    /// Messages whose states (UID, MODSEQ, flags, keywords, size, dates) IMAP keeps in memory across all folders, shared by
    /// the sessions of a folder; the least recently used folders are dropped beyond it (about 100 bytes a message).
    /// </summary>
    [Range(0, 100_000_000)]
    public long StateCacheMessages { get; set; } = 2_000_000;

    /// <summary>
    /// ENVELOPE, BODY and BODYSTRUCTURE answers kept in memory by blob (a few hundred bytes each), so that fetching a
    /// folder's newest headers again formats nothing; 0 turns it off.
    /// </summary>
    [Range(0, 10_000_000)]
    public int StructureCacheMessages { get; set; } = 20_000;
}
