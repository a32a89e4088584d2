using Microsoft.EntityFrameworkCore;
using Portal.Core.Changes;
using Portal.Core.Mail;

namespace Portal.Data.Stores;

/// <summary>The narrow per-message states IMAP keeps in memory, read whole or as a delta since a MODSEQ.</summary>
public sealed partial class MessageStore
{
    /// <summary>
    /// The folder row's MODSEQ marks: asked before every IMAP command that reads states, so compiled once (EF's query
    /// cache lookup hashes and compares the expression tree each time, most of this read's cost). Per store, not
    /// static: a compiled query is bound to the first model it runs against, and each host (provider) has its own.
    /// </summary>
    private readonly Func<PortalDbContext, Guid, CancellationToken, Task<FolderMark?>> _folderMarkOf =
        EF.CompileAsyncQuery((PortalDbContext db, Guid folderId, CancellationToken cancellationToken) => db.Folders.AsNoTracking()
            .Where(f => f.Id == folderId).Select(f => new FolderMark(f.HighestModSeq, f.JournalFloor)).SingleOrDefault());

    public async Task<FolderStates> ListStatesAsync(Guid folderId, long sinceModSeq, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);

        // The folder's number first: whatever is read after it holds at least every change up to it.
        var folder = await _folderMarkOf(db, folderId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"Folder {folderId} does not exist.");
        if (sinceModSeq == folder.HighestModSeq)
        {
            return new FolderStates(folder.HighestModSeq, Complete: false, [], []);
        }

        var messages = db.Messages.AsNoTracking().Where(m => m.FolderId == folderId);
        var complete = sinceModSeq < 0 || sinceModSeq < folder.JournalFloor || sinceModSeq > folder.HighestModSeq;
        if (!complete)
        {
            messages = messages.Where(m => m.ModSeq > sinceModSeq);
        }

        var states = await messages.OrderBy(m => m.Uid)
            .Select(m => new MessageState(m.Uid, m.ModSeq, m.Flags, m.Keywords, m.Size, m.InternalDateUtc, m.SentDateUtc))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (complete)
        {
            return new FolderStates(folder.HighestModSeq, Complete: true, states, []);
        }

        var expunged = await db.ItemChanges.AsNoTracking()
            .Where(c => c.CollectionId == folderId && c.ChangeNumber > sinceModSeq && c.Kind == ChangeKind.Deleted)
            .Select(c => c.Uid).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new FolderStates(folder.HighestModSeq, Complete: false, states, expunged);
    }

    private sealed record FolderMark(long HighestModSeq, long JournalFloor);
}
