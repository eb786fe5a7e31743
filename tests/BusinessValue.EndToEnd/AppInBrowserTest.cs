using BusinessValue.Infrastructure.Database;
using BusinessValue.Testing;
using Microsoft.Playwright;

namespace BusinessValue.EndToEnd;

/// <summary>
/// The real app on a SQLite database of its own (the demo on first start, unless <see cref="PrepareAsync"/> puts
/// something else there), served by Kestrel on 127.0.0.1, and the signed-in browser contexts a test opens on it.
/// Contexts close before the app: an open circuit would hold the server's graceful shutdown.
/// </summary>
public abstract class AppInBrowserTest(BrowserFixture browser) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];

    protected TestDatabase Database { get; private set; } = null!;

    protected BusinessValueAppFactory App { get; private set; } = null!;

    protected Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await PrepareAsync(Database);
        App = new BusinessValueAppFactory(Database);
        Address = App.StartKestrel();
    }

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        await App.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>Fills the database before the app starts; by default the app loads the demo itself.</summary>
    protected virtual Task PrepareAsync(TestDatabase database) => Task.CompletedTask;

    /// <summary>A new browser (its own cookies) signed in with <paramref name="role"/>, in English and the light theme.</summary>
    protected async Task<IBrowserContext> SignedInContextAsync(string role, int width = 1280, int height = 900)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height }, ColorScheme = ColorScheme.Light, Locale = "en-US" });
        _contexts.Add(context);
        await context.SignInAsync(App, Address, role);
        return context;
    }

    /// <summary>A page of a new signed-in browser.</summary>
    protected async Task<IPage> SignedInPageAsync(string role, int width = 1280, int height = 900) =>
        await (await SignedInContextAsync(role, width, height)).NewPageAsync();

    protected string At(string path) => new Uri(Address, path).ToString();
}
