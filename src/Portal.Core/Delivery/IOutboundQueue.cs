namespace Portal.Core.Delivery;

/// <summary>
/// The persistent outbound queue: messages (a blob and an envelope) and their recipients, each with a state, an
/// attempt count and a next-attempt time. Enqueue commits before SMTP answers 250.
/// </summary>
public interface IOutboundQueue
{
    Task<OutboundMessage> EnqueueAsync(string blobId, string sender, IReadOnlyList<OutboundRecipientRequest> recipients, string? envelopeId = null, string? ret = null, CancellationToken cancellationToken = default);

    /// <summary>Takes due recipients, grouped by message and domain, and leases them until <paramref name="leaseUntilUtc"/>.</summary>
    Task<IReadOnlyList<OutboundWork>> TakeDueAsync(DateTime nowUtc, DateTime leaseUntilUtc, int maxRecipients, CancellationToken cancellationToken = default);

    Task DeliveredAsync(IReadOnlyCollection<Guid> recipientIds, string response, DateTime nowUtc, CancellationToken cancellationToken = default);

    Task DeferredAsync(IReadOnlyCollection<Guid> recipientIds, string response, DateTime nowUtc, DateTime nextAttemptUtc, CancellationToken cancellationToken = default);

    Task FailedAsync(IReadOnlyCollection<Guid> recipientIds, string response, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>Everything still pending or recently done, newest first (the admin queue page).</summary>
    Task<IReadOnlyList<(OutboundMessage Message, OutboundRecipient Recipient)>> ListAsync(int max, CancellationToken cancellationToken = default);

    /// <summary>Makes a pending recipient due now (retry now).</summary>
    Task RetryNowAsync(Guid recipientId, DateTime nowUtc, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes delivered and failed recipients whose last attempt was before <paramref name="finishedBeforeUtc"/>, and
    /// messages left without recipients; returns how many recipients went. Pending ones are never touched.
    /// </summary>
    Task<int> PurgeFinishedAsync(DateTime finishedBeforeUtc, CancellationToken cancellationToken = default);

    /// <summary>Removes a recipient; the message goes when its last recipient does.</summary>
    Task DeleteAsync(Guid recipientId, CancellationToken cancellationToken = default);
}
