namespace BusinessValue.Infrastructure.Database;

/// <summary>The database is configured correctly but cannot be used yet: unreachable, or not migrated.</summary>
public sealed class DatabaseUnavailableException : Exception
{
    public DatabaseUnavailableException()
    {
    }

    public DatabaseUnavailableException(string message) : base(message)
    {
    }

    public DatabaseUnavailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
