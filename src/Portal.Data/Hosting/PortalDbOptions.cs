using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Data.Hosting;

/// <summary>The provider switch: one place that turns (provider, connection string) into context options, used by the host and by each migrations assembly at design time.</summary>
public static class PortalDbOptions
{
    public const string SqliteMigrations = "Portal.Migrations.Sqlite";
    public const string PostgreSqlMigrations = "Portal.Migrations.PostgreSql";
    public const string SqlServerMigrations = "Portal.Migrations.SqlServer";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return provider switch
        {
            DatabaseProvider.Sqlite => builder
                .UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrations))
                .AddInterceptors(SqliteDurability.Instance),
            DatabaseProvider.PostgreSql => builder.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgreSqlMigrations)),
            DatabaseProvider.SqlServer => builder.UseSqlServer(connectionString, o => o.MigrationsAssembly(SqlServerMigrations)),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
    }

    /// <summary>The connection string to use: the configured one, or for SQLite a file in the data directory.</summary>
    public static string ConnectionStringFor(DatabaseOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        if (options.Provider != DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException($"Portal:Database:ConnectionString is required for {options.Provider}.");
        }

        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "portal.db"),
            DefaultTimeout = 60,
            Pooling = true,
        }.ToString();
    }

    /// <summary>
    /// Every SQLite connection: foreign keys on, and synchronous=FULL so that a committed transaction is on disk
    /// before we acknowledge (SMTP 250, IMAP OK). WAL mode itself is persistent and set once by the initializer.
    /// Reads go through a memory map of up to 4 GiB of the file: each connection's own page cache is small and is
    /// emptied by every commit in WAL mode, so an index lookup otherwise costs a read() per page (a search that
    /// touches a few thousand pages spent most of its time in them). Writes are unchanged.
    /// The settings last as long as the native connection, which the pool keeps open across many
    /// <c>SqliteConnection.Open</c> calls: they are applied once per native handle. Applied on every open, their parsing
    /// and execution showed in a profile of small IMAP requests (a few percent of the server's samples, 2026-11-28).
    /// </summary>
    private sealed class SqliteDurability : DbConnectionInterceptor
    {
        public static readonly SqliteDurability Instance = new();

        private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Applied = new();

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Apply(connection);
            return Task.CompletedTask;
        }

        private static void Apply(DbConnection connection)
        {
            if (connection is SqliteConnection { Handle: { } handle } && Applied.TryGetValue(handle, out _))
            {
                return;
            }

            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA mmap_size = 4294967296;";
            command.ExecuteNonQuery();
            if (connection is SqliteConnection { Handle: { } opened })
            {
                Applied.AddOrUpdate(opened, Instance);
            }
        }
    }
}
