using System.Net.Sockets;
using Bunit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Web.Components.Layout;
using BusinessValue.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BusinessValue.Web.Tests.Components.Layout;

/// <summary>What an open page shows when loading it throws: a database fault by name with a retry, anything else the general message.</summary>
public sealed class PageErrorBoundaryTests() : MudComponentTest(context =>
{
    context.Services.AddLogging();
    context.Services.AddSingleton(new DatabaseOptions
    {
        Provider = DatabaseProvider.Postgres, ConnectionString = "Host=127.0.0.1;Database=bv", MigrateOnStartup = false, DataDirectory = Path.GetTempPath(),
    });
    context.Services.AddSingleton<DatabaseFaults>();
})
{
    [Fact]
    public void Render_PageLoadHitsAnAbsentDatabase_NamesTheFaultAndTryAgainLoadsThePageOnceItAnswers()
    {
        var database = new Database { Failure = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused)) };

        var view = Context.Render<PageErrorBoundary>(p => p.AddChildContent<PageReadingTheDatabase>(page => page.Add(c => c.Database, database)));

        var fault = view.Find("[data-testid=database-fault]");
        fault.TextContent.Should().Contain("The database does not answer").And.Contain("Nothing was changed").And.NotContain("Npgsql").And.NotContain("5432");
        view.FindAll("[data-testid=circuit-error]").Should().BeEmpty();
        view.FindAll("[data-testid=page-content]").Should().BeEmpty();

        database.Failure = null;
        view.Find("[data-testid=database-fault-retry]").Click();

        view.Find("[data-testid=page-content]").TextContent.Should().Be("Loaded 2 times");
        view.FindAll("[data-testid=database-fault]").Should().BeEmpty();
    }

    [Fact]
    public void Render_PageLoadFailsForAnotherReason_ShowsTheGeneralMessageWithoutARetry()
    {
        var database = new Database { Failure = new InvalidOperationException("A bug, not the database.") };

        var view = Context.Render<PageErrorBoundary>(p => p.AddChildContent<PageReadingTheDatabase>(page => page.Add(c => c.Database, database)));

        view.Find("[data-testid=circuit-error]").TextContent.Should().Contain("reload the page");
        view.FindAll("[data-testid=database-fault]").Should().BeEmpty();
        view.FindAll("[data-testid=database-fault-retry]").Should().BeEmpty();
    }

    public sealed class Database
    {
        public Exception? Failure { get; set; }

        public int Loads { get; set; }
    }

    /// <summary>A page that reads the database as it loads, as the app's pages do (synchronously here, so the test needs no waiting).</summary>
    public sealed class PageReadingTheDatabase : ComponentBase
    {
        [Parameter] public Database Database { get; set; } = null!;

        protected override void OnParametersSet()
        {
            Database.Loads++;
            if (Database.Failure is { } failure)
            {
                throw failure;
            }
        }

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            if (Database.Loads > 0 && Database.Failure is null)
            {
                builder.OpenElement(0, "p");
                builder.AddAttribute(1, "data-testid", "page-content");
                builder.AddContent(2, $"Loaded {Database.Loads} times");
                builder.CloseElement();
            }
        }
    }
}
