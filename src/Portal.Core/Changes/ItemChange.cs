namespace Portal.Core.Changes;

/// <summary>
/// One entry of the change journal: item <see cref="ItemId"/> of collection <see cref="CollectionId"/> was added,
/// changed or deleted at <see cref="ChangeNumber"/>. Deleted entries are the tombstones that sync protocols read.
/// </summary>
public sealed class ItemChange
{
    public long Id { get; set; }
    public Guid CollectionId { get; set; }
    public long ChangeNumber { get; set; }
    public Guid ItemId { get; set; }

    /// <summary>The IMAP UID for a message; 0 for groupware items.</summary>
    public long Uid { get; set; }

    /// <summary>The resource name for a groupware item; null for messages.</summary>
    public string? ResourceName { get; set; }

    public ChangeKind Kind { get; set; }
    public DateTime ChangedUtc { get; set; }
}
