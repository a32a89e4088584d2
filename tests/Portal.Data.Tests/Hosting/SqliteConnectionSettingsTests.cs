using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Data.Hosting;

namespace Portal.Data.Tests.Hosting;

/// <summary>The per-connection SQLite settings hold on every open, including opens the pool serves from a kept connection.</summary>
public sealed class SqliteConnectionSettingsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("portal-sqlite-settings-").FullName;

    [Fact]
    public async Task Foreign_keys_full_sync_and_the_memory_map_hold_on_every_open_of_a_pooled_connection()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "portal.db"), Pooling = true }.ToString();
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDbOptions.Configure(builder, DatabaseProvider.Sqlite, connectionString);

        SQLitePCL.sqlite3? first = null;
        for (var open = 0; open < 3; open++)
        {
            await using var db = new PortalDbContext(builder.Options);
            var connection = (SqliteConnection)db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            first ??= connection.Handle;

            // The pool hands back the same native connection: the settings were applied to it once, on the first open.
            Assert.Same(first, connection.Handle);
            Assert.Equal(1L, await Pragma(connection, "foreign_keys"));
            Assert.Equal(2L, await Pragma(connection, "synchronous"));
            Assert.True(await Pragma(connection, "mmap_size") > 0, "reads go through a memory map");
            await db.Database.CloseConnectionAsync();
        }
    }

    [Fact]
    public async Task A_new_native_connection_gets_the_settings_too()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_directory, "other.db"), Pooling = true }.ToString();
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDbOptions.Configure(builder, DatabaseProvider.Sqlite, connectionString);

        await using (var db = new PortalDbContext(builder.Options))
        {
            await db.Database.OpenConnectionAsync();
            await db.Database.CloseConnectionAsync();
        }

        // Emptying the pool closes the native connection; the next open makes a new one, which must be set up again.
        SqliteConnection.ClearAllPools();
        await using var again = new PortalDbContext(builder.Options);
        var connection = (SqliteConnection)again.Database.GetDbConnection();
        await again.Database.OpenConnectionAsync();
        Assert.Equal(1L, await Pragma(connection, "foreign_keys"));
        Assert.Equal(2L, await Pragma(connection, "synchronous"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<long> Pragma(SqliteConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name + ";";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
