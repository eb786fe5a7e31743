namespace BusinessValue.Infrastructure.Database;

/// <summary>
/// The database settings cannot work as given. The message names the setting and how to fix it, and is
/// meant to be the one line an operator reads when the app refuses to start.
/// </summary>
public sealed class DatabaseConfigurationException : Exception
{
    public DatabaseConfigurationException()
    {
    }

    public DatabaseConfigurationException(string message) : base(message)
    {
    }

    public DatabaseConfigurationException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
