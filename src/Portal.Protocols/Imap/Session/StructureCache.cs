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
    private readonly ConcurrentDictionary<(string BlobId, FetchItemKind Kind, bool Utf8), string> _entries = new();
    private readonly ConcurrentDictionary<(Guid Folder, long Uid), string> _blobs = new();

    /// <summary>An answer for sessions that accept UTF-8 (<paramref name="utf8"/>) or want encoded-words, which differ in non-ASCII text.</summary>
    public bool TryGet(string blobId, FetchItemKind kind, bool utf8, out string text) =>
        _entries.TryGetValue((blobId, kind, utf8), out text!);

    public void Add(string blobId, FetchItemKind kind, bool utf8, string text) => Put(_entries, (blobId, kind, utf8), text);

    public bool TryGetBlob(Guid folderId, long uid, out string blobId) =>
        _blobs.TryGetValue((folderId, uid), out blobId!);

    public void AddBlob(Guid folderId, long uid, string blobId) => Put(_blobs, (folderId, uid), blobId);

    private void Put<TKey>(ConcurrentDictionary<TKey, string> map, TKey key, string value)
        where TKey : notnull
    {
        if (limit <= 0)
        {
            return;
        }

        if (map.Count >= limit)
        {
            map.Clear();
        }

        map[key] = value;
    }
}
