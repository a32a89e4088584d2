using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Portal.Data.Search;

namespace Portal.Data.Hosting;

/// <summary>
/// Runs the <see cref="SearchIndexer"/>: the queued texts of new deliveries as they come, and the Pending messages
/// (texts dropped from a full queue or lost in a restart, and mail stored before the index existed) at start, whenever
/// the queue overflowed, and a few minutes after a failed attempt — never on a timer alone, since finding Pending rows
/// scans the message table.
/// </summary>
public sealed partial class SearchIndexerService(SearchIndexer indexer, TimeProvider time, ILogger<SearchIndexerService> logger) : BackgroundService
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);
    private const int BackfillBlobs = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var nextBackfill = time.GetUtcNow();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await indexer.IndexQueuedAsync(stoppingToken).ConfigureAwait(false);
                    if (indexer.Dropped || time.GetUtcNow() >= nextBackfill)
                    {
                        // A full round of back-fill goes on until nothing Pending is left (bounded steps, queue first).
                        var done = await indexer.BackfillAsync(BackfillBlobs, stoppingToken).ConfigureAwait(false);
                        nextBackfill = done == BackfillBlobs ? time.GetUtcNow() : DateTimeOffset.MaxValue;
                        if (done > 0)
                        {
                            Log.Backfilled(logger, done);
                        }
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The texts stay Pending: searches read those messages, and the next back-fill tries again.
                    Log.Failed(logger, ex);
                    nextBackfill = time.GetUtcNow() + RetryAfter;
                }

                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                var delay = nextBackfill == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : nextBackfill - time.GetUtcNow();
                if (delay == Timeout.InfiniteTimeSpan || delay > TimeSpan.Zero)
                {
                    if (delay != Timeout.InfiniteTimeSpan)
                    {
                        wait.CancelAfter(delay);
                    }

                    try
                    {
                        await indexer.WaitAsync(wait.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                    {
                        // Time for the back-fill.
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Shutting down; what is still queued is Pending and found by the next start's back-fill.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(2411, LogLevel.Information, "Search index: {Blobs} stored messages indexed from their bytes")]
        public static partial void Backfilled(ILogger logger, int blobs);

        [LoggerMessage(2412, LogLevel.Error, "Search index: indexing failed; the messages stay unindexed until the next try")]
        public static partial void Failed(ILogger logger, Exception exception);
    }
}
