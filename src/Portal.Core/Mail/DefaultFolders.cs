namespace Portal.Core.Mail;

/// <summary>The folders every new mailbox gets, with their roles (RFC 6154 special-use).</summary>
public static class DefaultFolders
{
    public static IReadOnlyList<(string Name, FolderRole Role)> All { get; } =
    [
        ("INBOX", FolderRole.Inbox),
        ("Drafts", FolderRole.Drafts),
        ("Sent", FolderRole.Sent),
        ("Trash", FolderRole.Trash),
        ("Junk", FolderRole.Junk),
        ("Archive", FolderRole.Archive),
    ];
}
