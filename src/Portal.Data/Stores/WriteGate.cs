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
    /// For background writers (the search indexer): enters only when no one holds or waits for the gate, so a delivery
    /// never queues behind them for longer than one of their (short) transactions.
    /// </summary>
    public async ValueTask<Releaser> EnterWhenIdleAsync(CancellationToken cancellationToken)
    {
        if (_sqlite is null)
        {
            return new Releaser(null);
        }

        while (!_sqlite.Wait(0, cancellationToken))
        {
            await Task.Delay(IdlePoll, cancellationToken).ConfigureAwait(false);
        }

        return new Releaser(_sqlite);
    }

    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(2);

    public readonly struct Releaser(SemaphoreSlim? semaphore) : IDisposable
    {
        public void Dispose() => semaphore?.Release();
    }
}
