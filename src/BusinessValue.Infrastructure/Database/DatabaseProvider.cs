namespace BusinessValue.Infrastructure.Database;

public enum DatabaseProvider
{
    /// <summary>An embedded file database: the zero-setup default.</summary>
    Sqlite,

    /// <summary>PostgreSQL through Npgsql: the production database.</summary>
    Postgres,
}
