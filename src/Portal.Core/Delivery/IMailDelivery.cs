namespace Portal.Core.Delivery;

/// <summary>
/// Local delivery for SMTP: who an address is, whose addresses a mailbox may send as, and storing one message
/// for many local mailboxes (one blob, one message row per Inbox).
/// </summary>
public interface IMailDelivery
{
    /// <summary>Resolves a recipient: a local mailbox, an alias (expanded), a domain catch-all, unknown here, or not ours.</summary>
    Task<RecipientResolution> ResolveAsync(string address, CancellationToken cancellationToken = default);

    /// <summary>The addresses a mailbox may use as sender: its own and every alias that delivers to it.</summary>
    Task<IReadOnlyList<string>> SenderAddressesAsync(Guid mailboxId, CancellationToken cancellationToken = default);

    /// <summary>Stores the content once and files it in the Inbox of each mailbox; returns when every append has committed.</summary>
    Task<string> DeliverAsync(Stream content, IReadOnlyCollection<Guid> mailboxIds, CancellationToken cancellationToken = default);
}
