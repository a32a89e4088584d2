namespace Portal.Core.Mail;

/// <summary>The role of a folder: the Inbox, or a special-use mailbox (RFC 6154).</summary>
public enum FolderRole
{
    None = 0,
    Inbox = 1,
    Drafts = 2,
    Sent = 3,
    Trash = 4,
    Junk = 5,
    Archive = 6,
}
