using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BusinessValue.Testing.Circuits;

/// <summary>
/// One live Blazor Server circuit driven without a browser, speaking the messages blazor.web.js speaks
/// (aspnetcore's CircuitManager and WebRootComponentManager): connect to /_blazor with the reader's cookie,
/// <c>StartCircuit</c>, answer the server's JS calls, hand over the prerendered root components with
/// <c>UpdateRootComponents</c> once the renderer is attached, and acknowledge every render batch
/// (<c>OnRenderCompleted</c>) as soon as it arrives. Batches are not applied to any DOM: a batch is matched
/// by the UTF-8 text it carries, which is enough to know that the server rendered what was asked.
/// </summary>
public sealed class BlazorCircuit : IAsyncDisposable
{
    private const string AttachRenderer = "Blazor._internal.attachWebRendererInterop";
    private readonly HubConnection _hub;
    private readonly TaskCompletionSource _attached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private TaskCompletionSource<long>? _waiter;
    private byte[] _expected = [];
    private long _renderBatches;
    private long _renderedBytes;
    private long _jsCalls;

    private BlazorCircuit(HubConnection hub) => _hub = hub;

    public long RenderBatches => Interlocked.Read(ref _renderBatches);

    public long RenderedBytes => Interlocked.Read(ref _renderedBytes);

    public long JsCalls => Interlocked.Read(ref _jsCalls);

    /// <summary>The first error the server reported (JS.Error) or the reason the connection closed.</summary>
    public string? Error { get; private set; }

    public bool IsConnected => _hub.State == HubConnectionState.Connected && Error is null;

    /// <summary>JS functions the server called, for tests that want to see what a page asks of the browser.</summary>
    public IReadOnlyCollection<string> JsCalled => _jsCalled.Keys.ToArray();

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _jsCalled = new(StringComparer.Ordinal);

    /// <summary>
    /// Opens a circuit on <paramref name="page"/> and waits until a render batch carries
    /// <paramref name="renderedText"/> (the page rendered interactively). With no markers the circuit has no
    /// root component: the least a circuit costs.
    /// </summary>
    public static async Task<BlazorCircuit> OpenAsync(CircuitSession session, PrerenderedPage page, string? renderedText, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(page);
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(session.Address, "_blazor"), options =>
            {
                options.Headers["Cookie"] = session.CookieHeader;
                options.Transports = HttpTransportType.WebSockets;
            });
        builder.Services.RemoveAll<IHubProtocol>();
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var hub = builder.Build();
        // A loaded 2-core machine can delay the server's keep-alive pings past the default 30 s.
        hub.ServerTimeout = TimeSpan.FromMinutes(3);
        hub.HandshakeTimeout = TimeSpan.FromMinutes(1);
        var circuit = new BlazorCircuit(hub);
        circuit.Listen();
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            await hub.StartAsync(deadline.Token);
            var baseUri = session.Address.ToString();
            var waitForPage = renderedText is null ? null : circuit.ExpectAsync(renderedText);
            var id = await hub.InvokeAsync<string?>("StartCircuit", baseUri, page.Url.ToString(), "[]", page.ApplicationState, deadline.Token);
            if (string.IsNullOrEmpty(id))
            {
                throw new InvalidOperationException($"The server refused the circuit: {circuit.Error}");
            }

            await circuit._attached.Task.WaitAsync(deadline.Token);
            if (page.Markers.Count > 0)
            {
                var operations = page.Markers.Select((marker, i) => $"{{\"type\":\"add\",\"ssrComponentId\":{i + 1},\"marker\":{marker}}}");
                await hub.SendAsync("UpdateRootComponents", $"{{\"batchId\":1,\"operations\":[{string.Join(',', operations)}]}}", page.ApplicationState, deadline.Token);
            }

            if (waitForPage is not null)
            {
                await waitForPage.WaitAsync(deadline.Token);
            }

            return circuit;
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            await circuit.DisposeAsync();
            throw new TimeoutException($"The circuit on {page.Url} did not render within {timeout.TotalSeconds:0} s ({circuit.RenderBatches} batches, error: {circuit.Error ?? "none"}).", ex);
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Navigates inside the circuit as a click on an in-app link does (<c>OnLocationChanged</c>, intercepted) and
    /// returns the time until a render batch carrying <paramref name="renderedText"/> arrived.
    /// </summary>
    public async Task<TimeSpan> NavigateAsync(Uri url, string renderedText, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(url);
        var rendered = ExpectAsync(renderedText);
        var started = Stopwatch.GetTimestamp();
        await _hub.SendAsync("OnLocationChanged", url.ToString(), null, true);
        var arrived = await rendered.WaitAsync(timeout);
        return Stopwatch.GetElapsedTime(started, arrived);
    }

    private Task<long> ExpectAsync(string text)
    {
        lock (_gate)
        {
            _expected = Encoding.UTF8.GetBytes(text);
            _waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _waiter.Task;
        }
    }

    private void Listen()
    {
        _hub.On("JS.RenderBatch", [typeof(long), typeof(byte[])], async (args, _) =>
        {
            var arrived = Stopwatch.GetTimestamp();
            var batchId = Convert.ToInt64(args[0], System.Globalization.CultureInfo.InvariantCulture);
            var data = args[1] as byte[] ?? [];
            Interlocked.Increment(ref _renderBatches);
            Interlocked.Add(ref _renderedBytes, data.Length);
            lock (_gate)
            {
                if (_waiter is not null && data.AsSpan().IndexOf(_expected) >= 0)
                {
                    _waiter.TrySetResult(arrived);
                    _waiter = null;
                }
            }

            await Acknowledge("OnRenderCompleted", batchId, null);
        }, this);

        // .NET 10 sends (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType); read loosely.
        _hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], async (args, _) =>
        {
            Interlocked.Increment(ref _jsCalls);
            var handle = Convert.ToInt64(args[0], System.Globalization.CultureInfo.InvariantCulture);
            var identifier = args.Length > 1 ? args[1] as string ?? string.Empty : string.Empty;
            _jsCalled.TryAdd(identifier, true);
            if (handle != 0)
            {
                await Acknowledge("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,{PlausibleResult(identifier)}]");
            }

            if (identifier == AttachRenderer)
            {
                _attached.TrySetResult();
            }
        }, this);

        _hub.On("JS.Error", [typeof(string)], (args, _) =>
        {
            Error ??= args.Length > 0 ? args[0] as string ?? "JS.Error" : "JS.Error";
            _attached.TrySetException(new InvalidOperationException(Error));
            return Task.CompletedTask;
        }, this);

        foreach (var ignored in new[] { "JS.EndInvokeDotNet", "JS.AttachComponent", "JS.EndUpdateRootComponents", "JS.EndLocationChanging", "JS.ReceiveByteArray", "JS.SavePersistedState" })
        {
            _hub.On(ignored, [], (_, _) => Task.CompletedTask, this);
        }

        _hub.Closed += error =>
        {
            Error ??= "connection closed: " + (error?.Message ?? "by the server");
            _attached.TrySetException(new InvalidOperationException(Error));
            return Task.CompletedTask;
        };
    }

    private async Task Acknowledge(string method, params object?[] args)
    {
        try
        {
            await _hub.SendCoreAsync(method, args);
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException)
        {
            Error ??= $"{method} failed: {ex.Message}";
        }
    }

    // What a browser showing the page would answer to the calls the scorecard makes at start (the benchmark prints
    // them): MudBlazor asks whether the system prefers a dark theme, whether its script is loaded
    // (window.hasOwnProperty) and how many popover providers the page has; the rest are void or may be null.
    private static string PlausibleResult(string identifier) => identifier switch
    {
        "mudThemeProvider.isDarkMode" => "false",
        "window.hasOwnProperty" => "true",
        "mudpopoverHelper.countProviders" => "1",
        _ => "null",
    };

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _hub.DisposeAsync();
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or OperationCanceledException)
        {
            // Already gone: nothing to release.
        }
    }
}
