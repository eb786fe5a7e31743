using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BusinessValue.Web.Security;

/// <summary>
/// When the reader of an open page last did something (a click, a navigation, a keystroke): an open page makes
/// no HTTP requests, so the session's idle timeout is checked against this (AccountStateRevalidation).
/// </summary>
public sealed class CircuitActivity(TimeProvider clock)
{
    public DateTimeOffset LastActivity { get; private set; } = clock.GetUtcNow();

    internal void Touch() => LastActivity = clock.GetUtcNow();
}

/// <summary>Records each circuit's inbound activity in its <see cref="CircuitActivity"/>.</summary>
internal sealed class CircuitActivityHandler(CircuitActivity activity) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        context =>
        {
            activity.Touch();
            return next(context);
        };
}
