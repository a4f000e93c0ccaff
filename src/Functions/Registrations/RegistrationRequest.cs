
namespace GoodThings.Registrations;

/// <summary>The JSON (or form) a person sends to register.</summary>
/// <param name="Invitation">The token from an invitation's personal link.</param>
public sealed record RegistrationRequest(string? Name, string? Email, string? Organisation, string? AccessibilityNeeds, bool? Subscribe, string? Invitation = null)
{
    /// <summary>The registration form's limits (see docs/openapi.yaml); emails trimmed.</summary>
    public RegistrationInput? Validate(Validator v)
    {
        var name = v.Text("name", Name, 200, required: true);
        var email = v.Email("email", Email);
        var organisation = v.Text("organisation", Organisation, 200);
        var needs = v.Text("accessibilityNeeds", AccessibilityNeeds, 1000, multiLine: true);
        var invitation = v.Text("invitation", Invitation, 1024);
        return v.IsValid ? new RegistrationInput(name!, email!, organisation, needs, Subscribe ?? false, invitation) : null;
    }
}
