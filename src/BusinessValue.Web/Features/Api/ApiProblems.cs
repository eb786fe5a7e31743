using BusinessValue.Infrastructure.PortfolioDocuments;

namespace BusinessValue.Web.Features.Api;

/// <summary>One invalid item of a request: where (a JSON path such as $.metrics[3].month) and why.</summary>
public sealed record ApiProblemItem(string Path, string Reason);

/// <summary>RFC 7807 problem documents for /api/v1, with every invalid item listed under <c>errors</c>.</summary>
internal static class ApiProblems
{
    public static IResult Invalid(string title, IEnumerable<PortfolioProblem> problems, int status = StatusCodes.Status422UnprocessableEntity) =>
        Results.Problem(
            statusCode: status,
            title: title,
            detail: "Nothing was changed. Each invalid item is listed under 'errors' with its path and the reason.",
            extensions: new Dictionary<string, object?> { ["errors"] = problems.Select(p => new ApiProblemItem(p.Path, p.Reason)).ToList() });

    public static IResult Problem(int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail);

    public static Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return Problem(status, title, detail).ExecuteAsync(context);
    }
}
