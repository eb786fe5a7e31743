using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace BusinessValue.Web.Features.Scorecard;

/// <summary>
/// Renders a display-only component to HTML once per shared owner (a cached scorecard), key and reader's
/// culture, and hands every open page the same string. A page then holds one reference where it would
/// otherwise keep hundreds of render-tree frames and strings for as long as it stays open
/// (docs/performance.md, circuit memory). Only for components without events or state: links still work,
/// since the browser and Blazor's navigation handle them.
/// </summary>
public sealed class SharedMarkup(IServiceProvider services, ILoggerFactory logs)
{
    // Keyed by the owner, so cached markup goes when the scorecard it was made from goes.
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, Lazy<Task<MarkupString>>>> Cache = new();

    public async Task<MarkupString> RenderAsync<TComponent>(object owner, string key, IReadOnlyDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        ArgumentNullException.ThrowIfNull(owner);
        var culture = CultureInfo.CurrentCulture;
        var uiCulture = CultureInfo.CurrentUICulture;
        var entries = Cache.GetOrCreateValue(owner);
        var fullKey = string.Join('|', typeof(TComponent).FullName, key, culture.Name, uiCulture.Name);
        var entry = entries.GetOrAdd(fullKey, _ => new Lazy<Task<MarkupString>>(() => RenderNowAsync<TComponent>(parameters, culture, uiCulture)));
        try
        {
            return await entry.Value;
        }
        catch
        {
            // A failure is not cached: the next page tries again.
            entries.TryRemove(new KeyValuePair<string, Lazy<Task<MarkupString>>>(fullKey, entry));
            throw;
        }
    }

    private async Task<MarkupString> RenderNowAsync<TComponent>(IReadOnlyDictionary<string, object?> parameters, CultureInfo culture, CultureInfo uiCulture)
        where TComponent : IComponent
    {
        // A scope of its own, as a request has: components may ask for scoped services (MudBlazor's charts do).
        await using var scope = services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, logs);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
            var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters.ToDictionary()));
            return new MarkupString(output.ToHtmlString());
        });
    }
}
