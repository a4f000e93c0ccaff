
namespace GoodThings;

/// <summary>What a service operation came to; trigger classes map it onto HTTP (see <c>Web.OutcomeResults</c>).</summary>
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
}

public static class Outcome
{
    public static Outcome<T> NotFound<T>() => new Outcome<T>.NotFound();

    public static Outcome<T> Invalid<T>(Validator validator) => new Outcome<T>.Invalid(validator.Errors);

    public static Outcome<T> Conflict<T>(string title, string detail, string? type = null) => new Outcome<T>.Conflict(title, detail, type);
}
