
namespace GoodThings.Web;

/// <summary>Maps service outcomes onto HTTP: failures become problem details (404, 400, 409).</summary>
public static class OutcomeResults
{
    public static IActionResult ToResult<T>(this Outcome<T> outcome, Func<T, IActionResult> ok) => outcome switch
    {
        Outcome<T>.Ok success => ok(success.Value),
        Outcome<T>.NotFound => Problems.NotFound(),
        Outcome<T>.Invalid invalid => Problems.Validation(invalid.Errors),
        Outcome<T>.Conflict conflict => Problems.Create(StatusCodes.Status409Conflict, conflict.Title, conflict.Detail, conflict.Type is null ? null : Problems.TypeUri(conflict.Type)),
        _ => throw new InvalidOperationException($"Unmapped outcome {outcome.GetType().Name}."),
    };
}
