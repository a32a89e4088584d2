namespace Portal.Core.Delivery;

/// <summary>One recipient of a queued message, delivered, retried and failed on its own.</summary>
public sealed class OutboundRecipient
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid MessageId { get; set; }
    public required string Address { get; set; }

    /// <summary>The domain, lower-case: the queue drains per domain.</summary>
    public required string Domain { get; set; }

    /// <summary>RFC 3461 NOTIFY and ORCPT as given on RCPT.</summary>
    public string? Notify { get; set; }

    public string? OriginalRecipient { get; set; }

    public OutboundState State { get; set; }
    public int Attempts { get; set; }
    public DateTime NextAttemptUtc { get; set; }
    public DateTime? LastAttemptUtc { get; set; }

    /// <summary>The last reply or error, as shown on the queue page and in a bounce.</summary>
    public string? LastResponse { get; set; }
}
