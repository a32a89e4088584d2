using Microsoft.Extensions.Logging;
using Portal.Core.Mail;

namespace Portal.Core.Delivery;

/// <summary>
/// Group commit of local deliveries (docs/adr/0005-group-commit.md). Deliveries finishing at the same time (many SMTP
/// sessions ending DATA at once) hand their copies here; one writer at a time files everything waiting in one store
/// transaction, so N messages cost one commit and one log fsync instead of N. A caller's task completes only after the
/// transaction holding its copies committed, so SMTP's 250 still follows the commit. When a batch fails, its callers are
/// retried one by one: a bad message fails only its own delivery, and nothing is acknowledged that did not commit.
/// </summary>
public sealed partial class GroupCommit(IMessageStore store, ILogger<GroupCommit> logger)
{
    /// <summary>Most copies in one transaction: bounds its size and how long the first in line waits.</summary>
    public const int MaxBatch = 256;

    private readonly Lock _lock = new();
    private readonly Queue<Pending> _waiting = new();
    private bool _draining;

    /// <summary>Files the copies with whatever else is waiting; completes once they are committed (all or none of them).</summary>
    public Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<BlobAppend> appends, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(appends);
        if (appends.Count == 0)
        {
            return Task.FromResult<IReadOnlyList<AppendResult>>([]);
        }

        var pending = new Pending(appends);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        bool lead;
        lock (_lock)
        {
            _waiting.Enqueue(pending);
            lead = !_draining;
            _draining = true;
        }

        if (lead)
        {
            // The first caller starts the one writer; it runs until nothing waits. Callers arriving meanwhile queue up
            // and go together in the next transaction.
            _ = DrainAsync();
        }

        // The copies are committed or not whatever this caller does; cancelling only stops its waiting.
        return WaitAsync(pending.Done.Task, started, cancellationToken);
    }

    private static async Task<IReadOnlyList<AppendResult>> WaitAsync(Task<IReadOnlyList<AppendResult>> done, long started, CancellationToken cancellationToken)
    {
        try
        {
            return await done.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            DeliveryMetrics.CommitWait.Record(DeliveryMetrics.Since(started));
        }
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            var batch = new List<Pending>();
            lock (_lock)
            {
                var copies = 0;
                while (_waiting.TryPeek(out var next) && (batch.Count == 0 || copies + next.Appends.Count <= MaxBatch))
                {
                    batch.Add(_waiting.Dequeue());
                    copies += next.Appends.Count;
                }

                if (batch.Count == 0)
                {
                    _draining = false;
                    return;
                }
            }

            await CommitAsync(batch).ConfigureAwait(false);
        }
    }

    private async Task CommitAsync(List<Pending> batch)
    {
        IReadOnlyList<AppendResult> results;
        var appends = batch.SelectMany(p => p.Appends).ToList();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            results = await store.AppendBlobsAsync(appends, CancellationToken.None).ConfigureAwait(false);
            DeliveryMetrics.BatchDuration.Record(DeliveryMetrics.Since(started));
            DeliveryMetrics.BatchSize.Record(appends.Count);
        }
        catch (Exception ex)
        {
            if (batch.Count == 1)
            {
                batch[0].Done.TrySetException(ex);
                return;
            }

            // Nothing of the batch committed: each delivery on its own, so one bad copy cannot fail the others.
            Log.BatchFailed(logger, batch.Count, ex);
            foreach (var pending in batch)
            {
                try
                {
                    pending.Done.TrySetResult(await store.AppendBlobsAsync(pending.Appends, CancellationToken.None).ConfigureAwait(false));
                }
                catch (Exception one)
                {
                    pending.Done.TrySetException(one);
                }
            }

            return;
        }

        var offset = 0;
        foreach (var pending in batch)
        {
            pending.Done.TrySetResult(results.Skip(offset).Take(pending.Appends.Count).ToList());
            offset += pending.Appends.Count;
        }

        Log.Committed(logger, batch.Count, results.Count);
    }

    private sealed class Pending(IReadOnlyList<BlobAppend> appends)
    {
        public IReadOnlyList<BlobAppend> Appends { get; } = appends;

        // Continuations run elsewhere, so the writer goes on to the next batch instead of running a caller's SMTP reply.
        public TaskCompletionSource<IReadOnlyList<AppendResult>> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static partial class Log
    {
        [LoggerMessage(3210, LogLevel.Debug, "Delivery: group commit of {Deliveries} deliveries, {Copies} copies")]
        public static partial void Committed(ILogger logger, int deliveries, int copies);

        [LoggerMessage(3211, LogLevel.Warning, "Delivery: group commit of {Deliveries} deliveries failed; retrying them one by one")]
        public static partial void BatchFailed(ILogger logger, int deliveries, Exception exception);
    }
}
