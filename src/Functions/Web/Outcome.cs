using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace GoodThings.Web;

/// <summary>What a service operation came to, for a function to map onto HTTP.</summary>
public abstract record Outcome<T>
{
    private Outcome()
    {
    }

    public sealed record Ok(T Value) : Outcome<T>;

    public sealed record NotFound : Outcome<T>;

    public sealed record Invalid(IDictionary<string, string[]> Errors) : Outcome<T>;

    /// <param name="Type">The problem type's last segment, e.g. <c>registration-closed</c>.</param>
    public sealed record Conflict(string Title, string Detail, string? Type = null) : Outcome<T>;

    public static implicit operator Outcome<T>(T value) => new Ok(value);

    /// <summary>Ok through <paramref name="ok"/>; failures as problem details (404, 400, 409).</summary>
    public IActionResult ToResult(Func<T, IActionResult> ok) => this switch
    {
        Ok success => ok(success.Value),
        NotFound => Problems.NotFound(),
        Invalid invalid => Problems.Validation(invalid.Errors),
        Conflict conflict => Problems.Create(StatusCodes.Status409Conflict, conflict.Title, conflict.Detail, conflict.Type is null ? null : Problems.TypeUri(conflict.Type)),
        _ => throw new InvalidOperationException($"Unmapped outcome {GetType().Name}."),
    };
}

public static class Outcome
{
    public static Outcome<T> NotFound<T>() => new Outcome<T>.NotFound();

    public static Outcome<T> Invalid<T>(Validator validator) => new Outcome<T>.Invalid(validator.Errors);

    public static Outcome<T> Conflict<T>(string title, string detail, string? type = null) => new Outcome<T>.Conflict(title, detail, type);
}
