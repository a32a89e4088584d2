namespace Portal.Protocols.Imap.Session;

/// <summary>The RFC 3501 §3 connection states as a closed set; <see cref="CommandGate"/> says which commands each allows.</summary>
public abstract record ImapState
{
    private ImapState()
    {
    }

    public sealed record NotAuthenticated : ImapState;

    public sealed record Authenticated(Guid MailboxId, string Address) : ImapState;

    public sealed record Selected(Guid MailboxId, string Address, SelectedFolder Folder) : ImapState;

    public sealed record Logout : ImapState;
}
