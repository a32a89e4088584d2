namespace Portal.Protocols.Smtp.Session;

/// <summary>Where a session is in RFC 5321 §3.3's mail transaction; <see cref="SmtpGate"/> says what each state allows.</summary>
internal enum SmtpState
{
    /// <summary>Greeted by the server, no EHLO/HELO yet (again after STARTTLS, RFC 3207 §4.2).</summary>
    Connected,

    /// <summary>EHLO/HELO given, no transaction open.</summary>
    Ready,

    /// <summary>MAIL accepted, no recipient yet.</summary>
    Mail,

    /// <summary>At least one RCPT accepted.</summary>
    Rcpt,

    /// <summary>BDAT chunks received, the LAST one not yet (RFC 3030 §2).</summary>
    Chunking,
}
