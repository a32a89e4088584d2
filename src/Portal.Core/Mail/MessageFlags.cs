namespace Portal.Core.Mail;

/// <summary>The IMAP system flags (RFC 3501 §2.3.2); keywords are kept apart.</summary>
[Flags]
public enum MessageFlags
{
    None = 0,
    Seen = 1,
    Answered = 2,
    Flagged = 4,
    Deleted = 8,
    Draft = 16,
}
