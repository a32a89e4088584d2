namespace Portal.Protocols.Pop3.Session;

/// <summary>The RFC 1939 §3 session states as a closed set; the session's gate says which commands each allows.</summary>
public abstract record Pop3State
{
    private Pop3State()
    {
    }

    /// <summary>AUTHORIZATION; <see cref="User"/> is set after USER and before PASS.</summary>
    public sealed record Authorization(string? User) : Pop3State;

    public sealed record Transaction(Guid MailboxId, string Address, Maildrop Maildrop) : Pop3State;

    /// <summary>UPDATE has run (or the session is ending).</summary>
    public sealed record Closed : Pop3State;
}
