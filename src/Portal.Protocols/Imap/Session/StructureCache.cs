using System.Collections.Concurrent;
using Portal.Protocols.Imap.Parsing;

namespace Portal.Protocols.Imap.Session;

/// <summary>
/// FETCH's ENVELOPE, BODY and BODYSTRUCTURE answers as written on the wire, by blob id. A blob is named by the SHA-256
/// of its bytes and never changes, and these answers depend on nothing else (not the session, folder or flags), so an
/// entry is never stale and copies of one message share it. Dovecot keeps the same strings in its cache file; here
/// they come from the row's cached JSON on a miss. Holds at most <see cref="ImapOptions.StructureCacheMessages"/>
/// entries: when full it starts again empty (cheaper than tracking use, and the next fetches refill it).
/// It also remembers which blob a folder's UID holds, which never changes either (a UID names one message for the
/// folder's life, and a message's content is never replaced), so a cached FETCH reads no rows at all.
/// </summary>
internal sealed class StructureCache(int limit)
{
    private readonly Bounded<(string BlobId, FetchItemKind Kind, bool Utf8)> _entries = new(limit);
    private readonly Bounded<(Guid Folder, long Uid)> _blobs = new(limit);

    /// <summary>An answer for sessions that accept UTF-8 (<paramref name="utf8"/>) or want encoded-words, which differ in non-ASCII text.</summary>
    public bool TryGet(string blobId, FetchItemKind kind, bool utf8, out string text) =>
        _entries.TryGet((blobId, kind, utf8), out text);

    public void Add(string blobId, FetchItemKind kind, bool utf8, string text) => _entries.Put((blobId, kind, utf8), text);

    public bool TryGetBlob(Guid folderId, long uid, out string blobId) =>
        _blobs.TryGet((folderId, uid), out blobId);

    public void AddBlob(Guid folderId, long uid, string blobId) => _blobs.Put((folderId, uid), blobId);

    /// <summary>
    /// A map that starts again empty once it holds <paramref name="limit"/> entries. It counts its own additions:
    /// <see cref="ConcurrentDictionary{TKey, TValue}.Count"/> takes every lock of the map, and a first FETCH of a
    /// large folder adds one entry per message. The count may run a little ahead of the map when a clear races an
    /// addition; it is a bound, not a census.
    /// </summary>
    private sealed class Bounded<TKey>(int limit)
        where TKey : notnull
    {
        private readonly ConcurrentDictionary<TKey, string> _map = new();
        private int _count;

        public bool TryGet(TKey key, out string value) => _map.TryGetValue(key, out value!);

        public void Put(TKey key, string value)
        {
            if (limit <= 0)
            {
                return;
            }

            if (Volatile.Read(ref _count) >= limit)
            {
                _map.Clear();
                Volatile.Write(ref _count, 0);
            }

            if (_map.TryAdd(key, value))
            {
                Interlocked.Increment(ref _count);
            }
            else
            {
                _map[key] = value;
            }
        }
    }
}
