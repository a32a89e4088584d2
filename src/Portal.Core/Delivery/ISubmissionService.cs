using MimeKit;

namespace Portal.Core.Delivery;

/// <summary>
/// Sending as a signed-in user from the web (and, later, EAS): the sender must be the mailbox or one of its aliases;
/// local recipients are delivered at once, outside ones queued, and a copy is filed in Sent. Returns only after all
/// of that is stored.
/// </summary>
public interface ISubmissionService
{
    Task<SubmissionResult> SubmitAsync(Guid mailboxId, MimeMessage message, CancellationToken cancellationToken = default);
}

/// <summary>What happened to a submission; <see cref="Error"/> is set (and nothing was sent) when it was refused.</summary>
public sealed record SubmissionResult(string? Error, int LocalRecipients, int QueuedRecipients)
{
    public bool Succeeded => Error is null;
}
