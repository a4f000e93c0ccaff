
namespace GoodThings.Web;

/// <summary>RFC 9457 problem responses, the only shape errors leave the API in.</summary>
public static class Problems
{
    public const string ContentType = "application/problem+json";

    public static ObjectResult Create(int status, string title, string? detail = null, string? type = null) =>
        Result(new ProblemDetails { Status = status, Title = title, Detail = detail, Type = type ?? "about:blank" });

    public static ObjectResult NotFound(string? detail = null) =>
        Create(StatusCodes.Status404NotFound, "Not found", detail ?? "There is nothing here.");

    /// <summary>A problem type URI for this API, e.g. <c>/problems/registration-closed</c>; clients match its last segment.</summary>
    public static string TypeUri(string name) => $"/problems/{name}";

    public static ObjectResult Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        Result(new ValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid.",
            Detail = detail ?? "See errors for the fields to correct.",
            Type = "about:blank",
        });

    private static ObjectResult Result(ProblemDetails problem) => new(problem)
    {
        StatusCode = problem.Status,
        ContentTypes = { ContentType },
    };
}
