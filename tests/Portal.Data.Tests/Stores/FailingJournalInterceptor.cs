using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Data.Tests.Stores;

/// <summary>When armed, fails the statement that writes a journal entry: the transaction's last step.</summary>
internal sealed class FailingJournalInterceptor : DbCommandInterceptor
{
    public volatile bool Armed;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Check(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Check(DbCommand command)
    {
        if (Armed && command.CommandText.Contains("INSERT INTO \"ItemChanges\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Injected failure while writing the journal.");
        }
    }
}
