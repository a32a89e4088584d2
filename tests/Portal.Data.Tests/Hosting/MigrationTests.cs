using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Data.Hosting;
using Portal.Testing;

namespace Portal.Data.Tests.Hosting;

/// <summary>Every provider's migrations cover the model, and db/scripts holds the script they produce.</summary>
public sealed class MigrationTests
{
    public static TheoryData<DatabaseProvider> Providers => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql, DatabaseProvider.SqlServer };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Migrations_cover_the_model(DatabaseProvider provider)
    {
        using var db = Context(provider);
        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"The model has changes that no {provider} migration covers; see db/README.md.");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public void Sql_script_in_db_scripts_is_current(DatabaseProvider provider)
    {
        using var db = Context(provider);
        var migrator = db.GetService<IMigrator>();

        // EF cannot make an idempotent script for SQLite; the host applies SQLite migrations itself.
        var options = provider == DatabaseProvider.Sqlite ? MigrationsSqlGenerationOptions.Default : MigrationsSqlGenerationOptions.Idempotent;
        var expected = migrator.GenerateScript(options: options);
        var path = Path.Combine(RepositoryRoot.Path, "db", "scripts", ScriptName(provider));
        if (Environment.GetEnvironmentVariable("PORTAL_WRITE_DB_SCRIPTS") == "1")
        {
            File.WriteAllText(path, expected);
        }

        Assert.True(File.Exists(path), $"{path} is missing; see db/README.md.");
        Assert.True(Normalize(File.ReadAllText(path)) == Normalize(expected), $"{path} is out of date; regenerate it as db/README.md says.");
    }

    internal static string ScriptName(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.PostgreSql => "postgresql.sql",
        DatabaseProvider.SqlServer => "sqlserver.sql",
        _ => "sqlite.sql",
    };

    private static PortalDbContext Context(DatabaseProvider provider)
    {
        var connection = provider switch
        {
            DatabaseProvider.PostgreSql => "Host=127.0.0.1;Database=unused",
            DatabaseProvider.SqlServer => "Server=127.0.0.1;Database=unused;TrustServerCertificate=True",
            _ => "Data Source=:memory:",
        };
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        PortalDbOptions.Configure(builder, provider, connection);
        return new PortalDbContext(builder.Options);
    }

    private static string Normalize(string script) => string.Join('\n', script.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd())).Trim();
}
