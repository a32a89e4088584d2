namespace Portal.Core.Mail;

/// <summary>
/// A mail folder. It is a change-journal collection: <see cref="HighestModSeq"/> is its change number,
/// bumped once by every transaction that changes a message in it (RFC 7162 HIGHESTMODSEQ).
/// </summary>
public sealed class Folder
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MailboxId { get; set; }

    /// <summary>The full hierarchical name, levels separated by <see cref="Delimiter"/>.</summary>
    public required string Name { get; set; }

    public const char Delimiter = '/';

    public FolderRole Role { get; set; }

    /// <summary>RFC 3501 §2.3.1.1: changes whenever UIDs of this name can no longer be trusted.</summary>
    public long UidValidity { get; set; }

    public long UidNext { get; set; } = 1;
    public long HighestModSeq { get; set; } = 1;

    /// <summary>Changes at or below this number were trimmed from the journal; asking from before it means a full resync.</summary>
    public long JournalFloor { get; set; }

    /// <summary>Messages in the folder; kept in the same transaction as every change, like the two below (STATUS, folder lists).</summary>
    public int MessageCount { get; set; }

    /// <summary>Messages without \Seen.</summary>
    public int UnseenCount { get; set; }

    /// <summary>Sum of the messages' sizes in bytes.</summary>
    public long TotalSize { get; set; }

    public bool Subscribed { get; set; } = true;
    public DateTime CreatedUtc { get; set; }
}
