namespace Portal.Core.Delivery.Rules;

/// <summary>
/// What a mailbox's owner asks of delivery: forwarding (with or without a copy kept here), a vacation auto-reply
/// between two dates, and ordered filter rules. Applied by <see cref="MailRouter"/> to every message delivered here.
/// </summary>
public sealed class MailboxRules
{
    public Guid MailboxId { get; set; }

    /// <summary>An outside or local address every message is forwarded to; null or empty for none.</summary>
    public string? ForwardTo { get; set; }

    /// <summary>Whether a forwarded message is also kept in this mailbox.</summary>
    public bool ForwardKeepCopy { get; set; } = true;

    public bool VacationEnabled { get; set; }

    /// <summary>First day (UTC) the auto-reply is sent; null for "from now".</summary>
    public DateOnly? VacationFrom { get; set; }

    /// <summary>Last day (UTC, inclusive) the auto-reply is sent; null for "until turned off".</summary>
    public DateOnly? VacationUntil { get; set; }

    public string VacationSubject { get; set; } = string.Empty;

    public string VacationBody { get; set; } = string.Empty;

    /// <summary>One reply per sender within this many days (RFC 3834 §2: not more than once in a period).</summary>
    public int VacationIntervalDays { get; set; } = 7;

    /// <summary>Checked in order; the first rule that matches decides and the rest are skipped.</summary>
    public List<FilterRule> Filters { get; set; } = [];

    public bool Forwards => !string.IsNullOrWhiteSpace(ForwardTo);

    public bool VacationActiveOn(DateOnly day) =>
        VacationEnabled && (VacationFrom is null || day >= VacationFrom) && (VacationUntil is null || day <= VacationUntil);
}
