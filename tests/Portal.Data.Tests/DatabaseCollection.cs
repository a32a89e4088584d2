using Portal.Testing;

namespace Portal.Data.Tests;

/// <summary>One PostgreSQL server for the whole assembly; each test gets fresh databases from it.</summary>
[CollectionDefinition(Name)]
public sealed class DatabaseCollection : ICollectionFixture<DatabaseFixture>
{
    public const string Name = "databases";
}
