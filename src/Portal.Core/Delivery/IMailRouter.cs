namespace Portal.Core.Delivery;

/// <summary>
/// The one routing path for every message that arrives or is sent here (SMTP MX and submission, the web's send,
/// bounces, auto-replies): the bytes go to the blob store once; local mailboxes get a copy as their rules decide
/// (filters, forwarding, vacation reply); outside recipients and forwards go to the outbound queue (forwards with an
/// SRS sender). Returns when everything is stored, so the caller may acknowledge.
/// </summary>
public interface IMailRouter
{
    Task<DeliveryResult> DeliverAsync(Stream content, DeliveryEnvelope envelope, CancellationToken cancellationToken = default);

    /// <summary>The same for content already durable in the blob store (SMTP writes DATA straight into it).</summary>
    Task<DeliveryResult> DeliverAsync(Storage.BlobInfo blob, DeliveryEnvelope envelope, CancellationToken cancellationToken = default);
}
