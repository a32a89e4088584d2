namespace Portal.Core.Groupware;

/// <summary>
/// A calendar, address book, task list or notes collection. <see cref="ChangeNumber"/> is its change-journal
/// number: the DAV sync-token, the EAS/EWS watermark and the MAPI change number.
/// </summary>
public sealed class Collection
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MailboxId { get; set; }
    public CollectionKind Kind { get; set; }

    /// <summary>The URL segment (DAV) of the collection, unique per mailbox and kind.</summary>
    public required string Name { get; set; }

    public required string DisplayName { get; set; }
    public string? Color { get; set; }
    public bool IsDefault { get; set; }
    public long ChangeNumber { get; set; } = 1;
    public long JournalFloor { get; set; }
    public DateTime CreatedUtc { get; set; }
}
