using BusinessValue.Infrastructure.Database;
using Microsoft.Extensions.Configuration;

namespace BusinessValue.Infrastructure.Tests.Database;

public sealed class DatabaseOptionsTests
{
    private const string ContentRoot = "/srv/businessvalue";

    private static DatabaseOptions Read(params (string Key, string? Value)[] settings) =>
        DatabaseOptions.FromConfiguration(
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build(),
            ContentRoot);

    [Fact]
    public void FromConfiguration_NothingConfigured_UsesASqliteFileInTheDataFolderAndMigrates()
    {
        var options = Read();

        options.Provider.Should().Be(DatabaseProvider.Sqlite);
        options.ConnectionString.Should().Be("Data Source=/srv/businessvalue/data/businessvalue.db");
        options.DataDirectory.Should().Be("/srv/businessvalue/data");
        options.MigrateOnStartup.Should().BeTrue();
    }

    [Fact]
    public void FromConfiguration_RelativeDataDirectory_IsResolvedAgainstTheAppFolder() =>
        Read(("DataDirectory", "state")).DataDirectory.Should().Be("/srv/businessvalue/state");

    [Theory]
    [InlineData("postgres")]
    [InlineData("PostgreSQL")]
    [InlineData("Postgres")]
    public void FromConfiguration_PostgresInAnySpelling_IsPostgresWithoutMigrationsByDefault(string name)
    {
        var options = Read(("Database:Provider", name), ("ConnectionStrings:BusinessValue", "Host=db;Database=bv;Username=bv;Password=s3cret"));

        options.Provider.Should().Be(DatabaseProvider.Postgres);
        options.MigrateOnStartup.Should().BeFalse();
    }

    [Fact]
    public void FromConfiguration_UnknownProvider_NamesTheSettingAndTheChoices()
    {
        var read = () => Read(("Database:Provider", "Oracle"));

        read.Should().Throw<DatabaseConfigurationException>()
            .WithMessage("Database:Provider is 'Oracle'*Sqlite*Postgres*Database__Provider=Postgres*");
    }

    [Fact]
    public void FromConfiguration_PostgresWithoutConnectionString_SaysWhichSettingToSet()
    {
        var read = () => Read(("Database:Provider", "Postgres"));

        read.Should().Throw<DatabaseConfigurationException>()
            .WithMessage("ConnectionStrings:BusinessValue is empty*ConnectionStrings__BusinessValue=*");
    }

    [Fact]
    public void FromConfiguration_MalformedPostgresConnectionString_IsRejectedWithoutRepeatingThePassword()
    {
        var read = () => Read(("Database:Provider", "Postgres"), ("ConnectionStrings:BusinessValue", "Host=db;Colour=blue;Password=hunter2-secret"));

        var error = read.Should().Throw<DatabaseConfigurationException>().Which;
        error.Message.Should().StartWith("ConnectionStrings:BusinessValue is not a valid PostgreSQL connection string");
        error.Message.Should().NotContain("hunter2-secret");
    }

    [Fact]
    public void FromConfiguration_MalformedSqliteConnectionString_IsRejected()
    {
        var read = () => Read(("ConnectionStrings:BusinessValue", "Data Source=x.db;Flavour=vanilla"));

        read.Should().Throw<DatabaseConfigurationException>()
            .WithMessage("ConnectionStrings:BusinessValue is not a valid SQLite connection string*");
    }

    [Fact]
    public void FromConfiguration_MigrateOnStartupNotABoolean_NamesTheSetting()
    {
        var read = () => Read(("Database:MigrateOnStartup", "yes please"));

        read.Should().Throw<DatabaseConfigurationException>().WithMessage("Database:MigrateOnStartup is 'yes please'*true or false*");
    }

    [Fact]
    public void Describe_Postgres_NamesServerAndDatabaseButNeverThePassword()
    {
        var options = Read(("Database:Provider", "Postgres"), ("ConnectionStrings:BusinessValue", "Host=db.internal;Port=5433;Database=bv;Username=bv;Password=hunter2-secret"));

        options.Describe().Should().Be("PostgreSQL database 'bv' on db.internal:5433");
    }
}
