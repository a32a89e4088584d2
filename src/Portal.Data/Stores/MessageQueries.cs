using Microsoft.EntityFrameworkCore;
using Portal.Core.Mail;
using Portal.Core.Mail.Reading;

namespace Portal.Data.Stores;

/// <summary>Lists and lookups for the web UI, always filtered by the caller's mailbox.</summary>
public sealed class MessageQueries(IDbContextFactory<PortalDbContext> contexts) : IMessageQueries
{
    public async Task<IReadOnlyList<FolderSummary>> ListFoldersAsync(Guid mailboxId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var folders = await db.Folders.AsNoTracking().Where(f => f.MailboxId == mailboxId).ToListAsync(cancellationToken).ConfigureAwait(false);

        // The counts live on the folder rows, kept by every change in its own transaction: no GROUP BY over messages.
        return folders
            .Select(f => new FolderSummary(f, f.MessageCount, f.UnseenCount))
            .OrderBy(s => s.Folder.Role == FolderRole.None ? int.MaxValue : (int)s.Folder.Role)
            .ThenBy(s => s.Folder.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    public async Task<MessagePage?> ListPageAsync(Guid mailboxId, Guid folderId, MessageSort sort, bool descending, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var folder = await db.Folders.AsNoTracking().Where(f => f.Id == folderId && f.MailboxId == mailboxId)
            .Select(f => new { f.MessageCount }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (folder is null)
        {
            return null;
        }

        var query = db.Messages.AsNoTracking().Where(m => m.FolderId == folderId);
        var total = folder.MessageCount;
        query = (sort, descending) switch
        {
            (MessageSort.From, false) => query.OrderBy(m => m.From).ThenBy(m => m.Uid),
            (MessageSort.From, true) => query.OrderByDescending(m => m.From).ThenByDescending(m => m.Uid),
            (MessageSort.Subject, false) => query.OrderBy(m => m.Subject).ThenBy(m => m.Uid),
            (MessageSort.Subject, true) => query.OrderByDescending(m => m.Subject).ThenByDescending(m => m.Uid),
            (MessageSort.Size, false) => query.OrderBy(m => m.Size).ThenBy(m => m.Uid),
            (MessageSort.Size, true) => query.OrderByDescending(m => m.Size).ThenByDescending(m => m.Uid),

            // Arrival order: the UID order, which the (FolderId, Uid) index serves directly.
            (_, false) => query.OrderBy(m => m.Uid),
            _ => query.OrderByDescending(m => m.Uid),
        };
        var items = await query.Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 500))
            .Select(MessageListProjection.ListItem)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new MessagePage(items, total);
    }

    public async Task<Message?> FindAsync(Guid mailboxId, Guid messageId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == messageId && m.MailboxId == mailboxId, cancellationToken).ConfigureAwait(false);
    }
}
