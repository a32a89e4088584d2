namespace Portal.Protocols.Smtp.Parsing;

/// <summary>A reverse-path or forward-path (RFC 5321 §4.1.2); the null reverse-path <c>&lt;&gt;</c> has no parts.</summary>
public sealed record SmtpPath(string? LocalPart, string? Domain)
{
    public static SmtpPath Null { get; } = new(null, null);

    public bool IsNull => LocalPart is null;

    /// <summary>The mailbox as written, <c>local@domain</c>; empty for the null path.</summary>
    public string Address => LocalPart is null ? string.Empty : Domain is null ? LocalPart : $"{LocalPart}@{Domain}";

    public bool IsAscii
    {
        get
        {
            foreach (var c in Address)
            {
                if (c > 0x7F)
                {
                    return false;
                }
            }

            return true;
        }
    }
}
