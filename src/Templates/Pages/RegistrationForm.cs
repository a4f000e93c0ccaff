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

    /// <summary>The newsletter box: unticked unless the person ticked it.</summary>
    public bool Subscribe { get; init; }

    /// <summary>Keyed by the form's field names (<see cref="RegistrationFields"/>), as the API's validation errors are.</summary>
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    public bool HasErrors => Errors.Count > 0;

    /// <summary>The error summary: the first error of each field, in the order the fields appear.</summary>
    public IReadOnlyList<ErrorLink> Summary => FormErrors.Summary(Errors, RegistrationFields.Ordered);

    public string? NameError => FormErrors.MessageFor(Errors, RegistrationFields.Name);

    public string? EmailError => FormErrors.MessageFor(Errors, RegistrationFields.Email);

    public string? OrganisationError => FormErrors.MessageFor(Errors, RegistrationFields.Organisation);

    public string? AccessibilityNeedsError => FormErrors.MessageFor(Errors, RegistrationFields.AccessibilityNeeds);
}

/// <summary>The registration form's field names, which are also the ids of its inputs.</summary>
public static class RegistrationFields
{
    public const string Name = "name";
    public const string Email = "email";
    public const string Organisation = "organisation";
    public const string AccessibilityNeeds = "accessibilityNeeds";

    /// <summary>The newsletter box; ticked, it posts <c>true</c>.</summary>
    public const string Subscribe = "subscribe";

    /// <summary>The honeypot: hidden from people, so anything in it came from a bot.</summary>
    public const string Honeypot = "website";

    /// <summary>The fields people see, in the order they appear.</summary>
    public static IReadOnlyList<string> All => Ordered;

    internal static readonly string[] Ordered = [Name, Email, Organisation, AccessibilityNeeds, Subscribe];
}
