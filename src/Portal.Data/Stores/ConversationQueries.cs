using Microsoft.EntityFrameworkCore;
using Portal.Core.Mail.Reading;

namespace Portal.Data.Stores;

/// <summary>The conversation view's reads: threading keys of a whole folder, and list rows by id, filtered by mailbox.</summary>
public sealed class ConversationQueries(IDbContextFactory<PortalDbContext> contexts) : IConversationQueries
{
    public async Task<IReadOnlyList<ConversationEntry>?> ListConversationOrderAsync(Guid mailboxId, Guid folderId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (!await db.Folders.AnyAsync(f => f.Id == folderId && f.MailboxId == mailboxId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var keys = await db.Messages.AsNoTracking().Where(m => m.FolderId == folderId).OrderBy(m => m.Uid)
            .Select(m => new ThreadingKeys(m.Id, m.MessageIdHeader, m.InReplyTo, m.References, m.Subject, m.SentDateUtc ?? m.InternalDateUtc))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return ConversationThreader.Order(keys);
    }

    public async Task<IReadOnlyList<MessageListItem>> ListItemsAsync(Guid mailboxId, IReadOnlyCollection<Guid> messageIds, CancellationToken cancellationToken = default)
    {
        if (messageIds.Count == 0)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Messages.AsNoTracking().Where(m => m.MailboxId == mailboxId && messageIds.Contains(m.Id))
            .Select(m => new MessageListItem(m.Id, m.FolderId, m.Uid, m.Subject, m.From, m.Preview, m.SentDateUtc ?? m.InternalDateUtc, m.Size, m.Flags, m.HasAttachments))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
