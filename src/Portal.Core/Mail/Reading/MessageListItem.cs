namespace Portal.Core.Mail.Reading;

/// <summary>One row of a message list: what the list shows, without the body.</summary>
public sealed record MessageListItem(
    Guid Id,
    Guid FolderId,
    long Uid,
    string Subject,
    string From,
    string Preview,
    DateTime DateUtc,
    long Size,
    MessageFlags Flags,
    bool HasAttachments)
{
    public bool IsSeen => Flags.HasFlag(MessageFlags.Seen);

    public bool IsFlagged => Flags.HasFlag(MessageFlags.Flagged);
}

/// <summary>A page of a message list and the folder's total count.</summary>
public sealed record MessagePage(IReadOnlyList<MessageListItem> Items, int Total);

/// <summary>A folder with its message and unread counts, for the folder tree.</summary>
public sealed record FolderSummary(Folder Folder, int Total, int Unread);
