namespace GoodThings.Templates.Pages;

/// <summary>One thing to fix: "Enter your email address in the correct format, like name@example.com".</summary>
/// <param name="Field">The form field's name, which is also its input's id; a field the form lacks is listed without a link.</param>
public sealed record FieldError(string Field, string Message);

/// <summary>A line of the error summary: the message, and "#email" to reach its field (null when the form has no such field).</summary>
public sealed record ErrorLink(string Message, string? Anchor);

internal static class FormErrors
{
    /// <summary>The first error of each field, in the order the fields appear; errors for fields the form lacks come last, unlinked.</summary>
    /// <param name="fields">The form's fields, in the order they appear.</param>
    public static IReadOnlyList<ErrorLink> Summary(IEnumerable<FieldError> errors, string[] fields) =>
        [.. errors.DistinctBy(error => error.Field)
            .OrderBy(error => Array.IndexOf(fields, error.Field) is >= 0 and var index ? index : fields.Length)
            .Select(error => new ErrorLink(error.Message, fields.Contains(error.Field) ? "#" + error.Field : null))];

    public static string? MessageFor(IEnumerable<FieldError> errors, string field) =>
        errors.FirstOrDefault(error => error.Field == field)?.Message;
}
