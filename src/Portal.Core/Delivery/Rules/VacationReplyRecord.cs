namespace Portal.Core.Delivery.Rules;

/// <summary>When a mailbox last auto-replied to a sender (RFC 3834 §2: at most once per period).</summary>
public sealed class VacationReplyRecord
{
    public Guid MailboxId { get; set; }

    /// <summary>The envelope sender, lower-case.</summary>
    public required string Sender { get; set; }

    public DateTime SentUtc { get; set; }
}
