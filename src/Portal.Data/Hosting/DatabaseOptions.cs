namespace Portal.Data.Hosting;

/// <summary>Which database holds the store. SQLite needs no set-up; PostgreSQL and SQL Server are for production.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Portal:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Empty with SQLite means a file <c>portal.db</c> in the data directory. Required for the other providers.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when the host starts.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
