using Xunit;

namespace Portal.Testing;

/// <summary>
/// Shared by the tests of one assembly: starts PostgreSQL once, hands out fresh databases (and SQLite files)
/// so that every test gets an empty store of its own.
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private PostgresServer? _postgres;

    public static TheoryData<DatabaseKind> All => new() { DatabaseKind.Sqlite, DatabaseKind.PostgreSql };

    public async Task InitializeAsync() => _postgres = await PostgresServer.StartAsync().ConfigureAwait(false);

    public async Task DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Settings that point the Portal at a new, empty database of the given kind and a new data directory.</summary>
    public async Task<Dictionary<string, string?>> NewSettingsAsync(DatabaseKind kind, string dataDirectory)
    {
        var settings = new Dictionary<string, string?> { ["Portal:DataDirectory"] = dataDirectory };
        if (kind == DatabaseKind.PostgreSql)
        {
            var postgres = _postgres ?? throw new InvalidOperationException("PostgreSQL did not start.");
            settings["Portal:Database:Provider"] = "PostgreSql";
            settings["Portal:Database:ConnectionString"] = await postgres.CreateDatabaseAsync().ConfigureAwait(false);
        }

        return settings;
    }

    public async Task<TestStore> CreateStoreAsync(DatabaseKind kind, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configure = null)
    {
        var directory = new TempDirectory();
        var settings = await NewSettingsAsync(kind, directory.Path).ConfigureAwait(false);
        return await TestStore.CreateAsync(directory, settings, configure).ConfigureAwait(false);
    }
}
