using System.ComponentModel.DataAnnotations;

namespace Portal.Web.Jobs;

/// <summary>Background jobs (Hangfire).</summary>
public sealed class JobsOptions
{
    public const string SectionName = "Portal:Jobs";

    /// <summary>Run a Hangfire server in this process. Several nodes may all run one.</summary>
    public bool RunServer { get; set; } = true;

    [Range(1, 64)]
    public int WorkerCount { get; set; } = 4;

    /// <summary>How long deletions stay in the change journal for sync clients to pick up.</summary>
    [Range(1, 3650)]
    public int JournalRetentionDays { get; set; } = 90;
}
