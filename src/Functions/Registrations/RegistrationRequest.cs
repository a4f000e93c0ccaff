
namespace GoodThings.Registrations;

/// <summary>The JSON (or form) a person sends to register.</summary>
public sealed record RegistrationRequest(string? Name, string? Email, string? Organisation, string? AccessibilityNeeds, bool? Subscribe)
{
    /// <summary>The registration form's limits (see docs/openapi.yaml); emails trimmed.</summary>
    public RegistrationInput? Validate(Validator v)
    {
        var name = v.Text("name", Name, 200, required: true);
        var email = v.Email("email", Email);
        var organisation = v.Text("organisation", Organisation, 200);
        var needs = v.Text("accessibilityNeeds", AccessibilityNeeds, 1000, multiLine: true);
        return v.IsValid ? new RegistrationInput(name!, email!, organisation, needs, Subscribe ?? false) : null;
    }
}
