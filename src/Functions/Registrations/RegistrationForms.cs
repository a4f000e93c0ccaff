
namespace GoodThings.Registrations;

/// <summary>The registration form on the event page, read without JavaScript (<see cref="HtmlForms"/>), errors worded for people.</summary>
public static class RegistrationForms
{
    private static readonly FormWording Wording = new(
        new Dictionary<string, string> { [RegistrationFields.Name] = "Name", [RegistrationFields.Email] = "Email address", [RegistrationFields.Organisation] = "Organisation" },
        new Dictionary<(string, string), string> { [(RegistrationFields.Name, "is required")] = "Enter your full name" });

    public static RegistrationRequest ToRequest(IReadOnlyDictionary<string, StringValues> form) => new(
        form.Field(RegistrationFields.Name),
        form.Field(RegistrationFields.Email),
        form.Field(RegistrationFields.Organisation),
        form.Field(RegistrationFields.AccessibilityNeeds),
        form.Field(RegistrationFields.Subscribe) == "true",
        form.Field(InvitationToken.Field));

    public static RegistrationForm WithErrors(RegistrationRequest request, IDictionary<string, string[]> errors) => new()
    {
        Name = request.Name,
        Email = request.Email,
        Organisation = request.Organisation,
        AccessibilityNeeds = request.AccessibilityNeeds,
        Subscribe = request.Subscribe ?? false,
        Errors = HtmlForms.Errors(errors, Wording),
    };
}
