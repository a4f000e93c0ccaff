namespace GoodThings.Templates.Pages;

/// <summary>
/// The registration form's values and errors. <see cref="Empty"/> on a first visit; after an invalid
/// POST, what the person typed (so nothing is lost) and one error per field that needs fixing.
/// </summary>
public sealed record RegistrationForm
{
    public static readonly RegistrationForm Empty = new();

    public string? Name { get; init; }

    public string? Email { get; init; }

    public string? Organisation { get; init; }

    public string? AccessibilityNeeds { get; init; }

    /// <summary>Keyed by the form's field names (<see cref="RegistrationFields"/>), as the API's validation errors are.</summary>
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    public bool HasErrors => Errors.Count > 0;

    /// <summary>The error summary: the first error of each field, in the order the fields appear.</summary>
    public IReadOnlyList<FieldError> Summary =>
        [.. Errors.DistinctBy(error => error.Field).OrderBy(error => RegistrationFields.Order(error.Field))];

    public string? NameError => MessageFor(RegistrationFields.Name);

    public string? EmailError => MessageFor(RegistrationFields.Email);

    public string? OrganisationError => MessageFor(RegistrationFields.Organisation);

    public string? AccessibilityNeedsError => MessageFor(RegistrationFields.AccessibilityNeeds);

    private string? MessageFor(string field) => Errors.FirstOrDefault(error => error.Field == field)?.Message;
}

/// <summary>One thing to fix: "Enter your email address in the correct format, like name@example.com".</summary>
/// <param name="Field">The form field's name (<see cref="RegistrationFields"/>); a field the form lacks is listed without a link.</param>
public sealed record FieldError(string Field, string Message)
{
    /// <summary>"#email": the field's id, for the error summary's link; null when the form has no such field.</summary>
    public string? Anchor => RegistrationFields.Order(Field) < RegistrationFields.All.Count ? "#" + Field : null;
}

/// <summary>The registration form's field names, which are also the ids of its inputs.</summary>
public static class RegistrationFields
{
    public const string Name = "name";
    public const string Email = "email";
    public const string Organisation = "organisation";
    public const string AccessibilityNeeds = "accessibilityNeeds";

    /// <summary>The honeypot: hidden from people, so anything in it came from a bot.</summary>
    public const string Honeypot = "website";

    /// <summary>The fields people see, in the order they appear.</summary>
    public static IReadOnlyList<string> All => Ordered;

    private static readonly string[] Ordered = [Name, Email, Organisation, AccessibilityNeeds];

    internal static int Order(string field) => Array.IndexOf(Ordered, field) is >= 0 and var index ? index : Ordered.Length;
}
