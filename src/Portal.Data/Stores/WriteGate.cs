using Microsoft.Extensions.Options;
using Portal.Data.Hosting;

namespace Portal.Data.Stores;

/// <summary>
/// SQLite allows one writer per file and makes the others poll (busy timeout), which starves some of them under load:
/// measured p99 of 2.5 s for 16 parallel appenders. Queuing writers of this process in order here keeps the tail
/// short. PostgreSQL and SQL Server lock rows, not files, and pass straight through.
/// </summary>
public sealed class WriteGate(IOptions<DatabaseOptions> options)
{
    private readonly SemaphoreSlim? _sqlite = options.Value.Provider == DatabaseProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<Releaser> EnterAsync(CancellationToken cancellationToken)
    {
        if (_sqlite is not null)
        {
            await _sqlite.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        return new Releaser(_sqlite);
    }

    /// <summary>
    /// For background writers (the search indexer): enters when no one holds the gate, so deliveries rarely queue
    /// behind them; after <see cref="BackgroundPatience"/> of finding it busy it queues like anyone else, so under a
    /// steady load the background work still gets a turn (a few per second) instead of starving.
    /// </summary>
    public async ValueTask<Releaser> EnterWhenIdleAsync(CancellationToken cancellationToken)
    {
        if (_sqlite is null)
        {
            return new Releaser(null);
        }

        var started = Environment.TickCount64;
        while (!_sqlite.Wait(0, cancellationToken))
        {
            if (Environment.TickCount64 - started >= BackgroundPatience.TotalMilliseconds)
            {
                await _sqlite.WaitAsync(cancellationToken).ConfigureAwait(false);
                break;
            }

            await Task.Delay(IdlePoll, cancellationToken).ConfigureAwait(false);
        }

        return new Releaser(_sqlite);
    }

    /// <summary>How long a background writer waits for an idle moment before it queues.</summary>
    public static readonly TimeSpan BackgroundPatience = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(2);

    public readonly struct Releaser(SemaphoreSlim? semaphore) : IDisposable
    {
        public void Dispose() => semaphore?.Release();
    }
}
