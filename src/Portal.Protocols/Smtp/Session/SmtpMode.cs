namespace Portal.Protocols.Smtp.Session;

/// <summary>Which listener a session came in on: the MX (mail for our domains) or submission (authenticated users).</summary>
internal enum SmtpMode
{
    Relay,
    Submission,
}
