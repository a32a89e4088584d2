using System.ComponentModel.DataAnnotations;
using Portal.Core.Delivery.Authentication;

namespace Portal.Protocols.Smtp;

/// <summary>SMTP limits and names (<c>Portal:Smtp</c>). The ports are in <c>Portal:Protocols</c>.</summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Portal:Smtp";

    /// <summary>The name in the greeting, EHLO reply and Received headers.</summary>
    [Required]
    public string HostName { get; set; } = "localhost";

    /// <summary>Largest message accepted, in bytes (advertised as SIZE, RFC 1870).</summary>
    [Range(1024, long.MaxValue)]
    public long MaxMessageSize { get; set; } = 50 * 1024 * 1024;

    /// <summary>Recipients per transaction; more get 452 4.5.3 (RFC 5321 §4.5.3.1.10 asks for at least 100).</summary>
    [Range(1, 100000)]
    public int MaxRecipients { get; set; } = 100;

    /// <summary>Error replies before the server answers 421 4.7.0 and closes.</summary>
    [Range(1, 1000)]
    public int MaxErrors { get; set; } = 10;

    /// <summary>Longest command line, CRLF included (RFC 5321 §4.5.3.1.4 is 512; extensions need more).</summary>
    [Range(512, 65536)]
    public int MaxCommandLineLength { get; set; } = 1000;

    /// <summary>Longest text line in DATA, CRLF included (RFC 5321 §4.5.3.1.6).</summary>
    [Range(1000, 65536)]
    public int MaxTextLineLength { get; set; } = 1000;

    /// <summary>How long the server waits for the next command or data (RFC 5321 §4.5.3.2.7 asks for 5 minutes).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The most time SPF, DKIM and DMARC checks may take for one message; what is unanswered by then is a temperror.</summary>
    public TimeSpan AuthenticationTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Check the sender's SPF record (RFC 7208) on the MX port.</summary>
    public bool CheckSpf { get; set; } = true;

    /// <summary>Verify DKIM signatures (RFC 6376) on the MX port.</summary>
    public bool CheckDkim { get; set; } = true;

    /// <summary>Evaluate the From domain's DMARC policy (RFC 7489) on the MX port, from the SPF and DKIM results that were checked.</summary>
    public bool CheckDmarc { get; set; } = true;

    /// <summary>The checks switched on; with none, no DNS is asked and no Authentication-Results field is added.</summary>
    public AuthenticationChecks Checks =>
        (CheckSpf ? AuthenticationChecks.Spf : AuthenticationChecks.None)
        | (CheckDkim ? AuthenticationChecks.Dkim : AuthenticationChecks.None)
        | (CheckDmarc ? AuthenticationChecks.Dmarc : AuthenticationChecks.None);
}
