namespace Portal.Core.Mail.Compose;

/// <summary>
/// Recipient suggestions for one mailbox: its own contacts, the mailboxes and aliases of its own domain, and
/// addresses it has recently sent to. Never another mailbox's contacts or another domain's accounts.
/// </summary>
public interface IAddressDirectory
{
    /// <summary>Addresses or names containing <paramref name="term"/> (case-insensitive), at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AddressSuggestion>> SuggestAsync(Guid mailboxId, string term, int limit = 8, CancellationToken cancellationToken = default);
}
