using BusinessValue.Testing.Circuits;

namespace BusinessValue.EndToEnd;

/// <summary>
/// The protocol client behind the circuit load benchmark (benchmarks/…/CircuitLoadBenchmark) opens real circuits
/// and makes the server re-render: if a framework update changes the protocol, this fails instead of the
/// benchmark quietly measuring nothing.
/// </summary>
public sealed class BlazorCircuitTests(ScorecardCircuitApp app) : IClassFixture<ScorecardCircuitApp>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Uri _address = app.Address;
    private readonly CircuitSession _session = app.Session;

    [Fact]
    public async Task OpenAsync_ScorecardPages_EachCircuitRendersThePageInteractively()
    {
        var circuits = new List<BlazorCircuit>();
        for (var i = 0; i < 2; i++)
        {
            var page = await _session.GetPageAsync(new Uri(_address, "scorecard?period=2026-Q3"));
            // The head outlet and the router: the page's two interactive root components.
            page.Markers.Should().HaveCount(2);
            page.ApplicationState.Should().NotBeEmpty();
            circuits.Add(await BlazorCircuit.OpenAsync(_session, page, "2026-Q3", Patience));
        }

        foreach (var circuit in circuits)
        {
            circuit.IsConnected.Should().BeTrue(circuit.Error);
            circuit.JsCalled.Should().Contain("Blazor._internal.attachWebRendererInterop");
            // The interactive render of the whole page, not just an empty acknowledgement.
            circuit.RenderedBytes.Should().BeGreaterThan(10_000);
            await circuit.DisposeAsync();
        }
    }

    [Fact]
    public async Task NavigateAsync_AnotherPeriod_TheCircuitRendersThatPeriodAndBack()
    {
        var page = await _session.GetPageAsync(new Uri(_address, "scorecard?period=2026-Q3"));
        await using var circuit = await BlazorCircuit.OpenAsync(_session, page, "2026-Q3", Patience);
        var before = circuit.RenderBatches;

        var there = await circuit.NavigateAsync(new Uri(_address, "scorecard?period=2026-Q2"), "2026-Q2", Patience);
        var back = await circuit.NavigateAsync(new Uri(_address, "scorecard?period=2026-Q3"), "2026-Q3", Patience);

        there.Should().BePositive();
        back.Should().BePositive();
        circuit.RenderBatches.Should().BeGreaterThan(before + 1);
        circuit.IsConnected.Should().BeTrue(circuit.Error);
        // A text the page never renders is never matched: the wait is on the server's render, not on any batch.
        await FluentActions.Awaiting(() => circuit.NavigateAsync(new Uri(_address, "scorecard?period=2026-Q2"), "no such period", TimeSpan.FromSeconds(3)))
            .Should().ThrowAsync<TimeoutException>();
    }

    [Fact]
    public async Task OpenAsync_NoRootComponents_OpensABareCircuit()
    {
        var page = new PrerenderedPage(new Uri(_address, "scorecard"), [], string.Empty, 0);

        await using var circuit = await BlazorCircuit.OpenAsync(_session, page, renderedText: null, Patience);

        circuit.IsConnected.Should().BeTrue(circuit.Error);
        circuit.RenderBatches.Should().Be(0);
    }
}
