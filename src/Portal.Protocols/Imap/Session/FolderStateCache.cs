using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Portal.Core.Mail;

namespace Portal.Protocols.Imap.Session;

/// <summary>
/// One <see cref="FolderSnapshot"/> per folder, shared by every session that selects it. Each use first asks the store
/// what changed since the snapshot's MODSEQ (one indexed read of the folder row when nothing did; the changed rows and
/// the journal's expunges otherwise), so changes made by any protocol or node are seen exactly as a database read would
/// see them. Folders least recently used are dropped once the snapshots hold more than
/// <see cref="ImapOptions.StateCacheMessages"/> messages.
/// </summary>
public sealed class FolderStateCache(IMessageStore store, IOptions<ImapOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<Guid, Entry> _folders = new();

    /// <summary>The folder's states as of now; throws <see cref="KeyNotFoundException"/> when the folder was deleted.</summary>
    internal async Task<FolderSnapshot> CurrentAsync(Guid folderId, CancellationToken cancellationToken)
    {
        var entry = _folders.GetOrAdd(folderId, _ => new Entry());
        entry.LastUsed = time.GetTimestamp();
        FolderSnapshot snapshot;
        try
        {
            snapshot = await entry.RefreshAsync(store, folderId, cancellationToken).ConfigureAwait(false);
        }
        catch (KeyNotFoundException)
        {
            _folders.TryRemove(folderId, out _);
            throw;
        }

        Trim(entry);
        return snapshot;
    }

    private void Trim(Entry used)
    {
        var limit = options.Value.StateCacheMessages;
        var total = 0L;
        foreach (var entry in _folders.Values)
        {
            total += entry.Count;
        }

        if (total <= limit)
        {
            return;
        }

        foreach (var (id, entry) in _folders.OrderBy(f => f.Value.LastUsed).ToList())
        {
            if (total <= limit)
            {
                break;
            }

            if (!ReferenceEquals(entry, used) && _folders.TryRemove(new KeyValuePair<Guid, Entry>(id, entry)))
            {
                // Sessions still holding its snapshots keep them; the next use loads the folder again.
                total -= entry.Count;
            }
        }
    }

    private sealed class Entry
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private FolderSnapshot? _current;
        private long _started;

        public long LastUsed { get; set; }

        public int Count => Volatile.Read(ref _current)?.Count ?? 0;

        public async Task<FolderSnapshot> RefreshAsync(IMessageStore store, Guid folderId, CancellationToken cancellationToken)
        {
            var ticket = Interlocked.Read(ref _started);
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (Interlocked.Read(ref _started) > ticket && _current is { } fresh)
                {
                    // A refresh began after this call did and has finished: its answer is as new as ours would be.
                    return fresh;
                }

                Interlocked.Increment(ref _started);
                var current = _current;
                var delta = await store.ListStatesAsync(folderId, current?.ModSeq ?? -1, cancellationToken).ConfigureAwait(false);
                var next = current is null ? FolderSnapshot.From(delta) : current.Apply(delta);
                Volatile.Write(ref _current, next);
                return next;
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
