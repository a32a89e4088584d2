namespace Portal.Core.Delivery;

/// <summary>A queued message: its bytes (a blob) and its envelope sender, with the DSN envelope data of RFC 3461.</summary>
public sealed class OutboundMessage
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string BlobId { get; set; }

    /// <summary>The reverse-path; empty for the null sender (bounces are never bounced).</summary>
    public string Sender { get; set; } = string.Empty;

    public string? EnvelopeId { get; set; }

    /// <summary>RFC 3461 RET: FULL or HDRS.</summary>
    public string? Ret { get; set; }

    public DateTime CreatedUtc { get; set; }
}
