using Microsoft.Extensions.Primitives;

namespace GoodThings.Registrations;

/// <summary>The registration form on the event page, read without JavaScript (<see cref="HtmlForms"/>), errors worded for people.</summary>
public static class RegistrationForms
{
    public static RegistrationRequest ToRequest(IReadOnlyDictionary<string, StringValues> form) => new()
    {
        Name = form.Field(RegistrationFields.Name),
        Email = form.Field(RegistrationFields.Email),
        Organisation = form.Field(RegistrationFields.Organisation),
        AccessibilityNeeds = form.Field(RegistrationFields.AccessibilityNeeds),
        Subscribe = form.Field(RegistrationFields.Subscribe) == "true",
    };

    public static RegistrationForm WithErrors(RegistrationRequest request, IDictionary<string, string[]> errors) => new()
    {
        Name = request.Name,
        Email = request.Email,
        Organisation = request.Organisation,
        AccessibilityNeeds = request.AccessibilityNeeds,
        Subscribe = request.Subscribe ?? false,
        Errors = HtmlForms.Errors(errors, Humanise),
    };

    private static string Humanise(string field, string message) => (field, message) switch
    {
        (RegistrationFields.Name, "is required") => "Enter your full name",
        _ => HtmlForms.Humanise(
            field switch
            {
                RegistrationFields.Name => "Name",
                RegistrationFields.Email => "Email address",
                RegistrationFields.Organisation => "Organisation",
                _ => "This answer",
            },
            message),
    };
}
