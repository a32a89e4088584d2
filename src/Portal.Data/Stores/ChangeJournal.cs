using Microsoft.EntityFrameworkCore;
using Portal.Core.Changes;

namespace Portal.Data.Stores;

/// <summary>Answers "what changed since n" for mail folders and groupware collections alike.</summary>
public sealed class ChangeJournal(IDbContextFactory<PortalDbContext> contexts, WriteGate gate) : IChangeJournal
{
    public async Task<ChangeSet> ChangesSinceAsync(Guid collectionId, long changeNumber, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var (current, floor) = await CurrentAsync(db, collectionId, cancellationToken).ConfigureAwait(false);
        if (changeNumber < floor || changeNumber > current)
        {
            return new ChangeSet(current, [], ResyncRequired: true);
        }

        var entries = await db.ItemChanges.AsNoTracking()
            .Where(c => c.CollectionId == collectionId && c.ChangeNumber > changeNumber && c.ChangeNumber <= current)
            .OrderBy(c => c.ChangeNumber).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        // The latest entry per item wins; an item added and changed since n is still "added" for the client.
        var latest = new Dictionary<Guid, ItemChange>();
        foreach (var entry in entries)
        {
            if (latest.TryGetValue(entry.ItemId, out var earlier) && earlier.Kind == ChangeKind.Added && entry.Kind == ChangeKind.Changed)
            {
                entry.Kind = ChangeKind.Added;
            }

            latest[entry.ItemId] = entry;
        }

        return new ChangeSet(current, latest.Values.OrderBy(c => c.ChangeNumber).ThenBy(c => c.Id).ToList(), ResyncRequired: false);
    }

    public async Task<int> TrimAsync(Guid collectionId, long upTo, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var (_, floor) = await CurrentAsync(db, collectionId, cancellationToken).ConfigureAwait(false);
        if (upTo <= floor)
        {
            return 0;
        }

        var removed = await db.ItemChanges.Where(c => c.CollectionId == collectionId && c.ChangeNumber <= upTo).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Folders.Where(f => f.Id == collectionId).ExecuteUpdateAsync(s => s.SetProperty(f => f.JournalFloor, upTo), cancellationToken).ConfigureAwait(false);
        await db.Collections.Where(c => c.Id == collectionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.JournalFloor, upTo), cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    public async Task<int> TrimOlderThanAsync(DateTime cutoffUtc, CancellationToken cancellationToken = default)
    {
        List<(Guid CollectionId, long UpTo)> targets;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            targets = (await db.ItemChanges.AsNoTracking().Where(c => c.ChangedUtc < cutoffUtc)
                .GroupBy(c => c.CollectionId)
                .Select(g => new { CollectionId = g.Key, UpTo = g.Max(c => c.ChangeNumber) })
                .ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(t => (t.CollectionId, t.UpTo)).ToList();
        }

        var removed = 0;
        foreach (var (collectionId, upTo) in targets)
        {
            try
            {
                removed += await TrimAsync(collectionId, upTo, cancellationToken).ConfigureAwait(false);
            }
            catch (KeyNotFoundException)
            {
                // The folder is gone; its entries went with it or will go with the next sweep.
            }
        }

        return removed;
    }

    private static async Task<(long Current, long Floor)> CurrentAsync(PortalDbContext db, Guid collectionId, CancellationToken cancellationToken)
    {
        var folder = await db.Folders.AsNoTracking().Where(f => f.Id == collectionId)
            .Select(f => new { f.HighestModSeq, f.JournalFloor }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (folder is not null)
        {
            return (folder.HighestModSeq, folder.JournalFloor);
        }

        var collection = await db.Collections.AsNoTracking().Where(c => c.Id == collectionId)
            .Select(c => new { c.ChangeNumber, c.JournalFloor }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return collection is null
            ? throw new KeyNotFoundException($"Collection {collectionId} does not exist.")
            : (collection.ChangeNumber, collection.JournalFloor);
    }
}
