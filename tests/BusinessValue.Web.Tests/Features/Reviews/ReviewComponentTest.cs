using Bunit;
using BusinessValue.Infrastructure.Database;
using BusinessValue.Web.Features.Scorecard;
using BusinessValue.Web.Security;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace BusinessValue.Web.Tests.Features.Reviews;

/// <summary>
/// bUnit on the real review services: a <see cref="ReviewScenario"/> (portfolio, owners, clock) whose app scope, signed
/// in with a role, answers every service bUnit does not provide itself. bUnit takes no services once the renderer
/// exists, so the scope is put behind a fallback provider registered up front.
/// </summary>
public abstract class ReviewComponentTest() : MudComponentTest(Prepare)
{
    private ReviewScenario? _scenario;
    private IServiceScope? _scope;

    /// <summary>The scenario on SQLite, with the components' services as a user with <paramref name="role"/>.</summary>
    private protected async Task<ReviewScenario> ScenarioAsync(string role)
    {
        _scenario = await ReviewScenario.CreateAsync(DatabaseProvider.Sqlite);
        _scope = _scenario.As(role);
        Context.Services.GetRequiredService<ScenarioServices>().Scope = _scope.ServiceProvider;
        return _scenario;
    }

    /// <summary>A service of the scenario's app, as the signed-in role.</summary>
    protected T Service<T>()
        where T : notnull => _scope!.ServiceProvider.GetRequiredService<T>();

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _scope?.Dispose();
        if (_scenario is not null)
        {
            await _scenario.DisposeAsync();
        }
    }

    private static void Prepare(BunitContext context)
    {
        var services = new ScenarioServices();
        context.Services.AddSingleton(services);
        context.Services.AddFallbackServiceProvider(services);
        // The app's own would take the app's snackbar, which needs a circuit's navigation: bUnit's dialogs and snackbar instead.
        context.Services.AddScoped(sp => new Explanations(sp.GetRequiredService<IDialogService>(), sp.GetRequiredService<ISnackbar>(),
            services.Scope!.GetRequiredService<AccessGuard>()));
    }

    private sealed class ScenarioServices : IServiceProvider
    {
        public IServiceProvider? Scope { get; set; }

        public object? GetService(Type serviceType) => Scope?.GetService(serviceType);
    }
}
