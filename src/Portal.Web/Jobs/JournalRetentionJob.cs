using Microsoft.Extensions.Options;
using Portal.Core.Changes;

namespace Portal.Web.Jobs;

/// <summary>Trims the change journal (tombstones included) past the retention window; clients asking from before it get a full resync.</summary>
public sealed class JournalRetentionJob(IChangeJournal journal, IOptions<JobsOptions> options, TimeProvider time)
{
    public const string Id = "journal-retention";

    public Task<int> RunAsync(CancellationToken cancellationToken) =>
        journal.TrimOlderThanAsync(time.GetUtcNow().UtcDateTime.AddDays(-options.Value.JournalRetentionDays), cancellationToken);
}
