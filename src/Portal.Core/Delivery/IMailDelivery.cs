namespace Portal.Core.Delivery;

/// <summary>
/// The store side of delivery: who an address is (mailboxes, aliases, catch-all, our SRS addresses), and whose
/// addresses a mailbox may send as. Storing and routing a message is <see cref="IMailRouter"/>'s.
/// </summary>
public interface IMailDelivery
{
    /// <summary>Resolves a recipient: a local mailbox, an alias (expanded), a domain catch-all, an SRS bounce address, unknown here, or not ours.</summary>
    Task<RecipientResolution> ResolveAsync(string address, CancellationToken cancellationToken = default);

    /// <summary>The addresses a mailbox may use as sender: its own and every alias that delivers to it.</summary>
    Task<IReadOnlyList<string>> SenderAddressesAsync(Guid mailboxId, CancellationToken cancellationToken = default);
}
