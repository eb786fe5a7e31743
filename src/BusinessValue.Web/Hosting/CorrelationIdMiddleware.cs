using Serilog.Context;

namespace BusinessValue.Web.Hosting;

/// <summary>
/// Gives every request a correlation id: the caller's X-Correlation-ID when it is safe to echo, else the
/// request's own id. It tags every log line of the request and is shown on the error page, so a user can
/// quote it and an operator can find the lines.
/// </summary>
internal sealed class CorrelationIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Correlation-ID";
    public const string LogProperty = "CorrelationId";

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Headers[HeaderName] is [{ } supplied] && IsSafe(supplied))
        {
            context.TraceIdentifier = supplied;
        }

        var id = context.TraceIdentifier;
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[HeaderName] = id;
            return Task.CompletedTask;
        });

        using (LogContext.PushProperty(LogProperty, id))
        {
            await next(context);
        }
    }

    // Echoed into headers and logs, so only short ids of plain characters are taken from outside.
    private static bool IsSafe(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');
}
