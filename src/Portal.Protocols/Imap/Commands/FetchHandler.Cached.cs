using Portal.Core.Mail;
using Portal.Protocols.Imap.Parsing;
using Portal.Protocols.Imap.Session;

namespace Portal.Protocols.Imap.Commands;

/// <summary>
/// FETCH of ENVELOPE, BODY and BODYSTRUCTURE (with any of UID, FLAGS, MODSEQ, INTERNALDATE, RFC822.SIZE) when the
/// structure cache already holds every answer: only the UIDs' blob ids are read, not whole rows. Reading and
/// materialising the rows was nine tenths of the server's time for a client's "newest 50 headers" (perf, 2026-11-28).
/// </summary>
internal static partial class FetchHandler
{
    private static bool OnlyCachedStructures(IReadOnlyList<FetchItem> items) =>
        items.All(i => i.Kind is FetchItemKind.Envelope or FetchItemKind.Body or FetchItemKind.BodyStructure || IsState(i.Kind))
        && items.Any(i => !IsState(i.Kind));

    private static bool IsState(FetchItemKind kind) =>
        kind is FetchItemKind.Uid or FetchItemKind.Flags or FetchItemKind.ModSeq or FetchItemKind.InternalDate or FetchItemKind.Size;

    /// <summary>Answers from the caches and returns true, or writes nothing and returns false when any answer is not cached.</summary>
    private static async Task<bool> TryFetchCachedAsync(ImapSession session, SelectedFolder folder, List<long> uids, IReadOnlyList<FetchItem> items, long? changedSince, CancellationToken cancellationToken)
    {
        var cache = session.Services.Structures;
        IReadOnlyList<MessageBlob>? blobs = KnownBlobs(cache, folder.Id, uids);
        var remembered = blobs is not null;
        if (blobs is null)
        {
            blobs = await session.Store.ListBlobsAsync(folder.Id, uids[0], uids[^1], cancellationToken).ConfigureAwait(false);
            foreach (var blob in blobs)
            {
                cache.AddBlob(folder.Id, blob.Uid, blob.BlobId);
            }
        }

        // Blobs read by range may include UIDs between the wanted ones; remembered blobs are exactly the wanted UIDs.
        var wanted = remembered ? null : uids.ToHashSet();
        var answers = new List<(int Sequence, long Uid, string?[] Texts)>(Math.Min(blobs.Count, uids.Count));
        foreach (var blob in blobs)
        {
            var sequence = folder.SequenceOf(blob.Uid);
            if (sequence == 0 || wanted?.Contains(blob.Uid) == false)
            {
                continue;
            }

            // The texts are taken now: the cache may drop entries before they are written.
            var texts = new string?[items.Count];
            for (var i = 0; i < items.Count; i++)
            {
                if (!IsState(items[i].Kind) && !cache.TryGet(blob.BlobId, items[i].Kind, session.Utf8Enabled, out texts[i]!))
                {
                    return false;
                }
            }

            answers.Add((sequence, blob.Uid, texts));
        }

        // Flags and the other state items come from the folder's shared snapshot, as in FetchStatesAsync. Remembered
        // blobs may name messages another session has expunged since; the snapshot leaves those out, as the rows did.
        FolderSnapshot? snapshot = null;
        if (changedSince is not null || remembered || items.Any(i => IsState(i.Kind) && i.Kind != FetchItemKind.Uid))
        {
            try
            {
                snapshot = await session.Services.States.CurrentAsync(folder.Id, cancellationToken).ConfigureAwait(false);
            }
            catch (KeyNotFoundException)
            {
                // The folder was deleted: like its rows, its messages are gone.
                return true;
            }
        }

        foreach (var (sequence, uid, texts) in answers)
        {
            var state = new MessageState(uid, 0, MessageFlags.None, string.Empty, 0, default, null);
            if (snapshot is not null && !snapshot.TryGet(uid, out state))
            {
                // Expunged by another session since the blobs were read (RFC 3501 §7.4.1: no EXPUNGE during FETCH).
                continue;
            }

            if (changedSince is { } since && state.ModSeq <= since)
            {
                continue;
            }

            WriteState(session, sequence, state, items, texts);
            await session.FlushIfFullAsync(cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>The UIDs' blobs when the cache knows every one (no query), otherwise null.</summary>
    private static List<MessageBlob>? KnownBlobs(StructureCache cache, Guid folderId, List<long> uids)
    {
        var blobs = new List<MessageBlob>(uids.Count);
        foreach (var uid in uids)
        {
            if (!cache.TryGetBlob(folderId, uid, out var blobId))
            {
                return null;
            }

            blobs.Add(new MessageBlob(uid, blobId));
        }

        return blobs;
    }
}
