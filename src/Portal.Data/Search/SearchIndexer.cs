using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Portal.Core.Mail;
using Portal.Core.Mail.Search;
using Portal.Core.Storage;
using Portal.Data.Stores;

namespace Portal.Data.Search;

/// <summary>
/// Writes the search text of delivered mail after the delivery has committed, so the one writer that files deliveries
/// (group commit) does not also build trigram indexes: a 1 MB message's text held each batch of deliveries for over
/// 100 ms. Delivered copies are stored <see cref="SearchIndexState.Pending"/>, which searches already answer by
/// reading the message (ADR 0004), so no search misses them meanwhile; this then adds the blob's text row and marks
/// the copies. Texts wait in memory (bounded); what is lost there (a full queue, a restart) is found again by
/// <see cref="BackfillAsync"/>, which parses the Pending messages' blobs — messages stored before the index existed too.
/// </summary>
public sealed partial class SearchIndexer(IDbContextFactory<PortalDbContext> contexts, IBlobStore blobs, WriteGate gate, ILogger<SearchIndexer> logger)
{
    /// <summary>Texts waiting; more are dropped (and found again by the back-fill).</summary>
    public const int QueueLimit = 4096;

    /// <summary>Characters waiting at most (a body is capped at 100,000): beyond, texts are dropped for the back-fill.</summary>
    public const long QueueCharacters = 16_000_000;

    /// <summary>
    /// Blobs per indexing transaction, and characters at most: one large body is a transaction of its own, so the
    /// deliveries that wait for the writer while it indexes wait for one short transaction at most.
    /// </summary>
    private const int BatchBlobs = 64;
    private const int BatchCharacters = 120_000;

    private readonly Channel<PendingText> _queue = Channel.CreateBounded<PendingText>(new BoundedChannelOptions(QueueLimit)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private int _dropped;
    private long _queuedCharacters;

    /// <summary>True when texts were dropped since the last back-fill.</summary>
    public bool Dropped => Volatile.Read(ref _dropped) != 0;

    /// <summary>Hands over the text of a blob whose copies were just stored Pending.</summary>
    public void Enqueue(string blobId, MessageText text)
    {
        var size = Size(text);
        if (Interlocked.Add(ref _queuedCharacters, size) > QueueCharacters || !_queue.Writer.TryWrite(new PendingText(blobId, text)))
        {
            Interlocked.Add(ref _queuedCharacters, -size);
            Interlocked.Exchange(ref _dropped, 1);
            Portal.Core.Delivery.DeliveryMetrics.IndexDropped.Add(1);
        }
    }

    private static long Size(MessageText? text) => text is null ? 0 : text.Body.Length + text.Headers.Length + text.Subject.Length + text.From.Length + text.To.Length + text.Cc.Length + text.Bcc.Length;

    /// <summary>Waits until texts are queued (or <paramref name="cancellationToken"/> ends).</summary>
    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _queue.Reader.WaitToReadAsync(cancellationToken);

    /// <summary>Indexes everything queued now, in batches; returns how many blobs it took.</summary>
    public async Task<int> IndexQueuedAsync(CancellationToken cancellationToken = default)
    {
        var total = 0;
        while (true)
        {
            var batch = new List<PendingText>();
            var characters = 0L;
            while (batch.Count < BatchBlobs && characters < BatchCharacters && _queue.Reader.TryRead(out var next))
            {
                batch.Add(next);
                characters += Size(next.Text);
            }

            Interlocked.Add(ref _queuedCharacters, -characters);

            if (batch.Count == 0)
            {
                return total;
            }

            await WriteAsync(batch, cancellationToken).ConfigureAwait(false);
            total += batch.Count;
        }
    }

    /// <summary>Indexes up to <paramref name="limit"/> blobs of Pending messages from their stored bytes; returns how many.</summary>
    public async Task<int> BackfillAsync(int limit, CancellationToken cancellationToken = default)
    {
        Interlocked.Exchange(ref _dropped, 0);
        List<string> pending;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false))
        {
            pending = await db.Messages.Where(m => m.SearchState == SearchIndexState.Pending)
                .Select(m => m.BlobId).Distinct().OrderBy(b => b).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var texts = new List<PendingText>();
        foreach (var blobId in pending)
        {
            try
            {
                await using var content = await blobs.OpenReadAsync(blobId, cancellationToken).ConfigureAwait(false);
                var parsed = MessageParser.Parse(content);
                texts.Add(new PendingText(blobId, parsed.Text));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                // Left Pending: searches keep reading it (or skip it, if its bytes are gone).
                Log.BlobUnreadable(logger, blobId, ex);
            }
        }

        foreach (var text in texts)
        {
            await WriteAsync([text], cancellationToken).ConfigureAwait(false);
        }

        return texts.Count;
    }

    private async Task WriteAsync(IReadOnlyList<PendingText> batch, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        using var writer = await gate.EnterWhenIdleAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var ids = batch.Select(t => t.BlobId).Distinct().ToList();
        var present = (await db.MessageTexts.Where(t => ids.Contains(t.BlobId)).Select(t => t.BlobId).ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet();
        foreach (var pending in batch.DistinctBy(t => t.BlobId).Where(t => present.Add(t.BlobId)))
        {
            if (pending.Text is { } text)
            {
                db.MessageTexts.Add(MessageTextRow.Of(pending.BlobId, text));
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var state in batch.DistinctBy(t => t.BlobId).GroupBy(t => t.Text is { Complete: false } ? SearchIndexState.Partial : SearchIndexState.Indexed))
        {
            var blobIds = state.Select(t => t.BlobId).ToList();
            await db.Messages.Where(m => blobIds.Contains(m.BlobId) && m.SearchState == SearchIndexState.Pending)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.SearchState, state.Key), cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        Portal.Core.Delivery.DeliveryMetrics.Indexed.Add(batch.Count);
    }

    /// <summary>No text (not even a header could be read) means nothing to index: the copies become Indexed with no row.</summary>
    private sealed record PendingText(string BlobId, MessageText? Text);

    private static partial class Log
    {
        [LoggerMessage(2410, LogLevel.Warning, "Search index: the stored message {BlobId} could not be read; it stays unindexed")]
        public static partial void BlobUnreadable(ILogger logger, string blobId, Exception exception);
    }
}
