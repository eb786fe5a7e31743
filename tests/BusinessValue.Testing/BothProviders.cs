using BusinessValue.Infrastructure.Database;
using Xunit;

namespace BusinessValue.Testing;

/// <summary>Runs one test body on each provider: <c>[Theory, ClassData(typeof(BothProviders))]</c>.</summary>
public sealed class BothProviders : TheoryData<DatabaseProvider>
{
    public BothProviders()
    {
        Add(DatabaseProvider.Sqlite);
        Add(DatabaseProvider.Postgres);
    }
}
