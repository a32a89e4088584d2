using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Core.Changes;
using Portal.Core.Mail;
using Portal.Core.Mail.Search;
using Portal.Core.Storage;
using Portal.Data.Search;

namespace Portal.Data.Stores;

/// <summary>Mail in the database and blob store; see <see cref="IMessageStore"/>. Each call uses its own short-lived context.</summary>
public sealed partial class MessageStore(
    IDbContextFactory<PortalDbContext> contexts,
    IBlobStore blobs,
    IChangeNotifier notifier,
    WriteGate gate,
    SearchIndexer indexer,
    TimeProvider time) : IMessageStore
{
    public async Task<IReadOnlyList<Folder>> ListFoldersAsync(Guid mailboxId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Folders.AsNoTracking().Where(f => f.MailboxId == mailboxId).OrderBy(f => f.Name).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<Folder?> FindFolderAsync(Guid mailboxId, string name, CancellationToken cancellationToken = default)
    {
        // RFC 3501 §5.1: INBOX is case-insensitive, every other name is case-sensitive.
        var lookup = string.Equals(name, "INBOX", StringComparison.OrdinalIgnoreCase) ? "INBOX" : name;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Folders.AsNoTracking().SingleOrDefaultAsync(f => f.MailboxId == mailboxId && f.Name == lookup, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Folder?> FindFolderAsync(Guid mailboxId, FolderRole role, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Folders.AsNoTracking().Where(f => f.MailboxId == mailboxId && f.Role == role)
            .OrderBy(f => f.CreatedUtc).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<AppendResult> AppendAsync(Guid folderId, AppendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (blobId, size, parsed) = await PutAndParseAsync(request.Content, cancellationToken).ConfigureAwait(false);
        return await AppendParsedAsync(folderId, blobId, size, parsed, request, cancellationToken).ConfigureAwait(false)
            ?? await AppendParsedAsync(folderId, blobId, size, parsed, request, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Could not record blob {blobId}.");
    }

    /// <summary>
    /// Many messages into one folder in one transaction (imports, benchmarks' loaders): blobs written and parsed in
    /// parallel first, then one folder bump for all UIDs, the rows, their journal entries and text rows, one commit.
    /// </summary>
    public async Task<IReadOnlyList<AppendResult>> AppendBatchAsync(Guid folderId, IReadOnlyList<AppendRequest> requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            return [];
        }

        var prepared = new (string BlobId, long Size, ParsedMessage Parsed)[requests.Count];
        await Parallel.ForAsync(0, requests.Count, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (i, token) =>
            prepared[i] = await PutAndParseAsync(requests[i].Content, token).ConfigureAwait(false)).ConfigureAwait(false);

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var added = new FolderDelta(requests.Count, requests.Count(r => !r.Flags.HasFlag(MessageFlags.Seen)), prepared.Sum(p => p.Size));
        var state = await FolderLock.BumpAsync(db, folderId, requests.Count, cancellationToken, added).ConfigureAwait(false);
        var blobIds = prepared.Select(p => p.BlobId).Distinct().ToList();
        var indexed = (await db.MessageTexts.Where(t => blobIds.Contains(t.BlobId)).Select(t => t.BlobId).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        var results = new List<AppendResult>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            var (blobId, size, parsed) = prepared[i];
            var message = NewMessage(folderId, state, state.FirstUid + i, blobId, size, parsed, requests[i], now);
            db.Messages.Add(message);
            db.ItemChanges.Add(Change(folderId, state.ModSeq, message, ChangeKind.Added, now));
            if (parsed.Text is { } text && indexed.Add(blobId))
            {
                db.MessageTexts.Add(MessageTextRow.Of(blobId, text));
            }

            results.Add(new AppendResult(message.Id, folderId, state.UidValidity, message.Uid, message.ModSeq, blobId));
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        notifier.Publish(new ChangeNotification(state.MailboxId, folderId, state.ModSeq));
        return results;
    }

    /// <summary>Writes the blob and parses the message; a seekable stream (an IMAP literal) is parsed from memory, not read back.</summary>
    private async Task<(string BlobId, long Size, ParsedMessage Parsed)> PutAndParseAsync(Stream content, CancellationToken cancellationToken)
    {
        var start = content.CanSeek ? content.Position : -1;
        var blob = await blobs.PutAsync(content, cancellationToken).ConfigureAwait(false);
        if (start >= 0)
        {
            content.Position = start;
            return (blob.Id, blob.Length, MessageParser.Parse(content));
        }

        await using var stored = await blobs.OpenReadAsync(blob.Id, cancellationToken).ConfigureAwait(false);
        return (blob.Id, blob.Length, MessageParser.Parse(stored));
    }

    public async Task<AppendResult> AppendBlobAsync(Guid folderId, string blobId, AppendRequest request, CancellationToken cancellationToken = default) =>
        (await AppendBlobToFoldersAsync([folderId], blobId, request, cancellationToken).ConfigureAwait(false))[0];

    public async Task<IReadOnlyList<AppendResult>> AppendBlobToFoldersAsync(IReadOnlyList<Guid> folderIds, string blobId, AppendRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(folderIds);
        ArgumentNullException.ThrowIfNull(request);

        // Parsed once, however many folders (recipients) get the message.
        ParsedMessage parsed;
        long size;
        await using (var content = await blobs.OpenReadAsync(blobId, cancellationToken).ConfigureAwait(false))
        {
            size = content.Length;
            parsed = MessageParser.Parse(content);
        }

        var results = new List<AppendResult>(folderIds.Count);
        foreach (var folderId in folderIds)
        {
            // A parallel append of the same bytes may have written the blob's text row first: then once more, without it.
            results.Add(await AppendParsedAsync(folderId, blobId, size, parsed, request, cancellationToken).ConfigureAwait(false)
                ?? await AppendParsedAsync(folderId, blobId, size, parsed, request, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Could not record blob {blobId}."));
        }

        return results;
    }

    private async Task<AppendResult?> AppendParsedAsync(Guid folderId, string blobId, long size, ParsedMessage parsed, AppendRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var added = new FolderDelta(1, request.Flags.HasFlag(MessageFlags.Seen) ? 0 : 1, size);
        var state = await FolderLock.BumpAsync(db, folderId, 1, cancellationToken, added).ConfigureAwait(false);
        var message = NewMessage(folderId, state, state.FirstUid, blobId, size, parsed, request, now);
        db.Messages.Add(message);
        db.ItemChanges.Add(Change(folderId, state.ModSeq, message, ChangeKind.Added, now));

        // The search index in the same transaction: a committed message is always searchable (ADR 0004).
        var addsText = false;
        if (parsed.Text is { } text && !await db.MessageTexts.AnyAsync(t => t.BlobId == blobId, cancellationToken).ConfigureAwait(false))
        {
            db.MessageTexts.Add(MessageTextRow.Of(blobId, text));
            addsText = true;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException) when (addsText)
        {
            if (await TextRowExistsAsync(blobId, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            throw;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        notifier.Publish(new ChangeNotification(state.MailboxId, folderId, state.ModSeq));
        return new AppendResult(message.Id, folderId, state.UidValidity, message.Uid, message.ModSeq, blobId);
    }

    private static Message NewMessage(Guid folderId, FolderState state, long uid, string blobId, long size, ParsedMessage parsed, AppendRequest request, DateTime now)
    {
        var message = new Message
        {
            FolderId = folderId,
            MailboxId = state.MailboxId,
            Uid = uid,
            ModSeq = state.ModSeq,
            Flags = request.Flags,
            Keywords = request.Keywords is { Count: > 0 } k ? string.Join(' ', k.Distinct(StringComparer.OrdinalIgnoreCase)) : string.Empty,
            InternalDateUtc = request.InternalDateUtc ?? now,
            Size = size,
            BlobId = blobId,

            // Not even headers parsed: nothing to index, and nothing to read at search time either.
            SearchState = parsed.Text is { Complete: false } ? SearchIndexState.Partial : SearchIndexState.Indexed,
        };
        Apply(message, parsed);
        return message;
    }

    private async Task<bool> TextRowExistsAsync(string blobId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.MessageTexts.AnyAsync(t => t.BlobId == blobId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Message>> ListMessagesAsync(Guid folderId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        return await db.Messages.AsNoTracking().Where(m => m.FolderId == folderId).OrderBy(m => m.Uid).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IReadOnlyList<Message>> SetFlagsAsync(Guid folderId, IReadOnlyCollection<long> uids, MessageFlags flags, FlagChangeMode mode, CancellationToken cancellationToken = default) =>
        ChangeFlagsAsync(folderId, uids, flags, keywords: null, mode, cancellationToken);

    public Task<IReadOnlyList<(long SourceUid, long TargetUid)>> CopyAsync(Guid sourceFolderId, IReadOnlyCollection<long> uids, Guid targetFolderId, CancellationToken cancellationToken = default) =>
        TransferAsync(sourceFolderId, uids, targetFolderId, removeFromSource: false, cancellationToken);

    public Task<IReadOnlyList<(long SourceUid, long TargetUid)>> MoveAsync(Guid sourceFolderId, IReadOnlyCollection<long> uids, Guid targetFolderId, CancellationToken cancellationToken = default) =>
        TransferAsync(sourceFolderId, uids, targetFolderId, removeFromSource: true, cancellationToken);

    public async Task<IReadOnlyList<long>> ExpungeAsync(Guid folderId, IReadOnlyCollection<long>? uids, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var state = await FolderLock.BumpAsync(db, folderId, 0, cancellationToken).ConfigureAwait(false);
        var query = db.Messages.Where(m => m.FolderId == folderId);
        query = uids is null ? query.Where(m => (m.Flags & MessageFlags.Deleted) != 0) : query.Where(m => uids.Contains(m.Uid));
        var doomed = await query.OrderBy(m => m.Uid).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (doomed.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return [];
        }

        var now = time.GetUtcNow().UtcDateTime;
        foreach (var message in doomed)
        {
            db.ItemChanges.Add(Change(folderId, state.ModSeq, message, ChangeKind.Deleted, now));
        }

        await FolderLock.AdjustAsync(db, folderId, FolderDelta.Of(doomed, -1), cancellationToken).ConfigureAwait(false);
        db.Messages.RemoveRange(doomed);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        notifier.Publish(new ChangeNotification(state.MailboxId, folderId, state.ModSeq));
        return doomed.Select(m => m.Uid).ToList();
    }

    public Task<Stream> OpenContentAsync(Message message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return blobs.OpenReadAsync(message.BlobId, cancellationToken);
    }

    private async Task<IReadOnlyList<(long SourceUid, long TargetUid)>> TransferAsync(Guid sourceFolderId, IReadOnlyCollection<long> uids, Guid targetFolderId, bool removeFromSource, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(uids);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Lock both folders in id order so that two opposite moves cannot deadlock.
        var sources = await db.Messages.AsNoTracking().Where(m => m.FolderId == sourceFolderId && uids.Contains(m.Uid))
            .OrderBy(m => m.Uid).Select(m => m.Uid).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (sources.Count == 0)
        {
            return [];
        }

        FolderState source, target;
        if (sourceFolderId.CompareTo(targetFolderId) < 0)
        {
            source = await FolderLock.BumpAsync(db, sourceFolderId, 0, cancellationToken).ConfigureAwait(false);
            target = await FolderLock.BumpAsync(db, targetFolderId, sources.Count, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            target = await FolderLock.BumpAsync(db, targetFolderId, sources.Count, cancellationToken).ConfigureAwait(false);
            source = await FolderLock.BumpAsync(db, sourceFolderId, 0, cancellationToken).ConfigureAwait(false);
        }

        if (source.MailboxId != target.MailboxId)
        {
            throw new InvalidOperationException("Messages move only between folders of one mailbox.");
        }

        // Read again under the lock: a concurrent expunge may have removed some.
        var originals = await db.Messages.Where(m => m.FolderId == sourceFolderId && uids.Contains(m.Uid))
            .OrderBy(m => m.Uid).ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        var pairs = new List<(long, long)>(originals.Count);
        var nextUid = target.FirstUid;
        foreach (var original in originals)
        {
            var copy = original.CopyTo(targetFolderId, nextUid++, target.ModSeq);
            db.Messages.Add(copy);
            db.ItemChanges.Add(Change(targetFolderId, target.ModSeq, copy, ChangeKind.Added, now));
            if (removeFromSource)
            {
                db.ItemChanges.Add(Change(sourceFolderId, source.ModSeq, original, ChangeKind.Deleted, now));
                db.Messages.Remove(original);
            }

            pairs.Add((original.Uid, copy.Uid));
        }

        await FolderLock.AdjustAsync(db, targetFolderId, FolderDelta.Of(originals, 1), cancellationToken).ConfigureAwait(false);
        if (removeFromSource)
        {
            await FolderLock.AdjustAsync(db, sourceFolderId, FolderDelta.Of(originals, -1), cancellationToken).ConfigureAwait(false);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        notifier.Publish(new ChangeNotification(target.MailboxId, targetFolderId, target.ModSeq));
        if (removeFromSource)
        {
            notifier.Publish(new ChangeNotification(source.MailboxId, sourceFolderId, source.ModSeq));
        }

        return pairs;
    }

    private static void Apply(Message message, ParsedMessage parsed)
    {
        message.Subject = Truncate(parsed.Subject, 1000);
        message.From = Truncate(parsed.From, 1000);
        message.To = Truncate(parsed.To, 4000);
        message.Cc = Truncate(parsed.Cc, 4000);
        message.MessageIdHeader = TruncateOrNull(parsed.MessageId, 1000);
        message.InReplyTo = TruncateOrNull(parsed.InReplyTo, 1000);
        message.References = TruncateOrNull(parsed.References, 8000);
        message.SentDateUtc = parsed.SentDateUtc;
        message.HasAttachments = parsed.HasAttachments;
        message.Preview = parsed.Preview;
        message.Envelope = JsonSerializer.Serialize(parsed.Envelope, StoreJson.Options);
        message.BodyStructure = JsonSerializer.Serialize(parsed.Body, StoreJson.Options);
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : value[..max];

    private static string? TruncateOrNull(string? value, int max) => value is null ? null : Truncate(value, max);

    private static ItemChange Change(Guid folderId, long changeNumber, Message message, ChangeKind kind, DateTime now) => new()
    {
        CollectionId = folderId,
        ChangeNumber = changeNumber,
        ItemId = message.Id,
        Uid = message.Uid,
        Kind = kind,
        ChangedUtc = now,
    };
}
