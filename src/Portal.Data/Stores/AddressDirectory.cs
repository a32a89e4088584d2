using Microsoft.EntityFrameworkCore;
using MimeKit;
using Portal.Core.Groupware;
using Portal.Core.Mail;
using Portal.Core.Mail.Compose;

namespace Portal.Data.Stores;

/// <summary>
/// Recipient suggestions, each query scoped by the caller's mailbox: its address books, its own domain's mailboxes
/// and aliases, and the To/Cc of its latest Sent messages.
/// </summary>
public sealed class AddressDirectory(IDbContextFactory<PortalDbContext> contexts) : IAddressDirectory
{
    /// <summary>How many recent Sent messages are read for "recently sent to": cheap, and recent is what matters.</summary>
    private const int RecentSentMessages = 200;

    public async Task<IReadOnlyList<AddressSuggestion>> SuggestAsync(Guid mailboxId, string term, int limit = 8, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(term);
        term = term.Trim().ToLowerInvariant();
        if (term.Length == 0 || limit <= 0)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var me = await db.Mailboxes.AsNoTracking().Where(m => m.Id == mailboxId).Select(m => new { m.DomainId, m.Address })
            .SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (me is null)
        {
            return [];
        }

        var contacts = await (
            from item in db.Items.AsNoTracking()
            join collection in db.Collections.AsNoTracking() on item.CollectionId equals collection.Id
            where collection.MailboxId == mailboxId && collection.Kind == CollectionKind.AddressBook && item.Email != null
                && (item.Email.ToLower().Contains(term) || (item.DisplayName != null && item.DisplayName.ToLower().Contains(term)))
            orderby item.DisplayName
            select new { Email = item.Email!, item.DisplayName })
            .Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);

        var mailboxes = await db.Mailboxes.AsNoTracking()
            .Where(m => m.DomainId == me.DomainId && m.Enabled && m.Id != mailboxId
                && (m.Address.Contains(term) || (m.DisplayName != null && m.DisplayName.ToLower().Contains(term))))
            .OrderBy(m => m.Address).Select(m => new { m.Address, m.DisplayName })
            .Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);

        var aliases = await db.Aliases.AsNoTracking()
            .Where(a => a.DomainId == me.DomainId && a.Address.Contains(term))
            .OrderBy(a => a.Address).Select(a => a.Address)
            .Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);

        var recentHeaders = await (
            from message in db.Messages.AsNoTracking()
            join folder in db.Folders.AsNoTracking() on message.FolderId equals folder.Id
            where folder.MailboxId == mailboxId && folder.Role == FolderRole.Sent
            orderby message.Uid descending
            select new { message.To, message.Cc })
            .Take(RecentSentMessages).ToListAsync(cancellationToken).ConfigureAwait(false);

        var suggestions = new List<AddressSuggestion>();
        suggestions.AddRange(contacts.Select(c => new AddressSuggestion(c.Email.Trim(), c.DisplayName, AddressSource.Contact)));
        suggestions.AddRange(mailboxes.Select(m => new AddressSuggestion(m.Address, m.DisplayName, AddressSource.Directory)));
        suggestions.AddRange(aliases.Select(a => new AddressSuggestion(a, null, AddressSource.Directory)));
        suggestions.AddRange(recentHeaders
            .SelectMany(h => Parse(h.To).Concat(Parse(h.Cc)))
            .Where(m => m.Address.Contains(term, StringComparison.OrdinalIgnoreCase) || (m.Name?.Contains(term, StringComparison.OrdinalIgnoreCase) ?? false))
            .Select(m => new AddressSuggestion(m.Address, string.IsNullOrWhiteSpace(m.Name) ? null : m.Name, AddressSource.Recent)));

        return suggestions
            .Where(s => !s.Address.Equals(me.Address, StringComparison.OrdinalIgnoreCase))
            .DistinctBy(s => s.Address, StringComparer.OrdinalIgnoreCase)
            .Take(limit)
            .ToList();
    }

    private static IEnumerable<MailboxAddress> Parse(string header) =>
        !string.IsNullOrWhiteSpace(header) && InternetAddressList.TryParse(header, out var list) ? list.Mailboxes : [];
}
