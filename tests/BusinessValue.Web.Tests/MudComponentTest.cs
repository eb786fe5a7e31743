using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace BusinessValue.Web.Tests;

/// <summary>
/// One bUnit context with MudBlazor's services per test. MudBlazor registers services that are only
/// asynchronously disposable, so the context is disposed through <see cref="IAsyncLifetime"/>.
/// </summary>
public abstract class MudComponentTest : IAsyncLifetime
{
    protected MudComponentTest()
        : this(_ => { })
    {
    }

    /// <param name="prepare">Adds what the component under test needs (services, authorization): bUnit takes no more once the renderer exists.</param>
    protected MudComponentTest(Action<BunitContext> prepare)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        prepare(Context);
        Context.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected BunitContext Context { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync() => await Context.DisposeAsync();
}
