using Microsoft.EntityFrameworkCore;
using Portal.Core.Changes;
using Portal.Core.Mail;
using Portal.Core.Mail.Search;
using Portal.Data.Search;

namespace Portal.Data.Stores;

/// <summary>Group commit of deliveries: many stored messages, many folders, one transaction and one fsync; their search text follows (<see cref="SearchIndexer"/>).</summary>
public sealed partial class MessageStore
{
    public async Task<IReadOnlyList<AppendResult>> AppendBlobsAsync(IReadOnlyList<BlobAppend> appends, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appends);
        if (appends.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // One bump per folder for all its UIDs, folders in id order (as moves lock them) so two batches cannot deadlock.
        var folders = new Dictionary<Guid, (FolderState State, int Taken)>();
        foreach (var group in appends.GroupBy(a => a.FolderId).OrderBy(g => g.Key))
        {
            var added = new FolderDelta(group.Count(), group.Count(a => !a.Flags.HasFlag(MessageFlags.Seen)), group.Sum(a => a.Size));
            folders[group.Key] = (await FolderLock.BumpAsync(db, group.Key, added.Messages, cancellationToken, added).ConfigureAwait(false), 0);
        }

        var blobIds = appends.Select(a => a.BlobId).Distinct().ToList();
        var indexed = (await db.MessageTexts.Where(t => blobIds.Contains(t.BlobId)).Select(t => t.BlobId).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        var results = new List<AppendResult>(appends.Count);
        var texts = new Dictionary<string, MessageText>();
        foreach (var append in appends)
        {
            var (state, taken) = folders[append.FolderId];
            folders[append.FolderId] = (state, taken + 1);
            var request = new AppendRequest(Stream.Null, append.Flags, InternalDateUtc: append.InternalDateUtc);
            var message = NewMessage(append.FolderId, state, state.FirstUid + taken, append.BlobId, append.Size, append.Parsed, request, now);
            db.Messages.Add(message);
            db.ItemChanges.Add(Change(append.FolderId, state.ModSeq, message, ChangeKind.Added, now));

            // The search text is written after the commit (SearchIndexer): until then the copy is Pending, which
            // searches answer by reading it. A blob whose text row exists already is final at once.
            if (append.Parsed.Text is { } text && !indexed.Contains(append.BlobId))
            {
                message.SearchState = SearchIndexState.Pending;
                texts.TryAdd(append.BlobId, text);
            }

            results.Add(new AppendResult(message.Id, append.FolderId, state.UidValidity, message.Uid, message.ModSeq, append.BlobId));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (blobId, text) in texts)
        {
            indexer.Enqueue(blobId, text);
        }

        foreach (var (folderId, (state, _)) in folders)
        {
            notifier.Publish(new ChangeNotification(state.MailboxId, folderId, state.ModSeq));
        }

        return results;
    }
}
