namespace Portal.Testing;

/// <summary>The databases every store test runs on: SQLite always, and the real PostgreSQL the fixture starts.</summary>
public enum DatabaseKind
{
    Sqlite,
    PostgreSql,
}
