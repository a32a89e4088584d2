namespace Portal.Protocols.Smtp.Parsing;

/// <summary>The SMTP verbs this server knows (RFC 5321 §4.1.1, RFC 3207, RFC 4954, RFC 3030).</summary>
public enum SmtpVerb
{
    Unknown = 0,
    Ehlo,
    Helo,
    Mail,
    Rcpt,
    Data,
    Bdat,
    Rset,
    Noop,
    Quit,
    Vrfy,
    Expn,
    Help,
    StartTls,
    Auth,
}
