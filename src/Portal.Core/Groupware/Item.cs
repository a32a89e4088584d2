namespace Portal.Core.Groupware;

/// <summary>
/// An event, contact, task or note in a collection: its iCalendar or vCard text plus the fields queries need
/// (time range bounds for CalDAV time-range filters, display name and e-mail for contact search).
/// </summary>
public sealed class Item
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CollectionId { get; set; }

    /// <summary>The UID property of the iCalendar component or vCard.</summary>
    public required string Uid { get; set; }

    /// <summary>The resource name in its collection (the last DAV path segment, e.g. "abc.ics").</summary>
    public required string ResourceName { get; set; }

    public required string ETag { get; set; }
    public CollectionKind Kind { get; set; }
    public required string Content { get; set; }
    public long ChangeNumber { get; set; }

    public DateTime? StartUtc { get; set; }
    public DateTime? EndUtc { get; set; }

    /// <summary>The end of the last recurrence instance; null for an unbounded rule.</summary>
    public DateTime? RecurrenceEndUtc { get; set; }

    public bool IsRecurring { get; set; }
    public string? DisplayName { get; set; }
    public string? Email { get; set; }
    public DateTime ModifiedUtc { get; set; }
}
