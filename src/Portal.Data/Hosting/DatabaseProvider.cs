namespace Portal.Data.Hosting;

public enum DatabaseProvider
{
    Sqlite = 0,
    PostgreSql = 1,
    SqlServer = 2,
}
