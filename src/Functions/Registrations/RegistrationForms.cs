using System.Text;
using GoodThings.Templates.Pages;
using GoodThings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace GoodThings.Registrations;

/// <summary>The registration form on the event page: read without JavaScript, errors worded for people.</summary>
public static class RegistrationForms
{
    /// <returns>The posted fields, or null when the body is not a form or is too large.</returns>
    public static async Task<Dictionary<string, string>?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        var body = await JsonRequests.ReadLimitedAsync(request, cancellationToken);
        return body is null
            ? null
            : QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body)).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
    }

    public static RegistrationRequest ToRequest(IReadOnlyDictionary<string, string> form) => new()
    {
        Name = form.GetValueOrDefault(RegistrationFields.Name),
        Email = form.GetValueOrDefault(RegistrationFields.Email),
        Organisation = form.GetValueOrDefault(RegistrationFields.Organisation),
        AccessibilityNeeds = form.GetValueOrDefault(RegistrationFields.AccessibilityNeeds),
    };

    /// <summary>A filled honeypot means a bot: it is thanked and nothing is stored.</summary>
    public static bool IsBot(IReadOnlyDictionary<string, string> form) =>
        !string.IsNullOrWhiteSpace(form.GetValueOrDefault(RegistrationFields.Honeypot));

    public static RegistrationForm WithErrors(RegistrationRequest request, IDictionary<string, string[]> errors) => new()
    {
        Name = request.Name,
        Email = request.Email,
        Organisation = request.Organisation,
        AccessibilityNeeds = request.AccessibilityNeeds,
        Errors = [.. errors.SelectMany(e => e.Value.Select(message => new FieldError(e.Key, Humanise(e.Key, message))))],
    };

    private static string Humanise(string field, string message)
    {
        var label = field switch
        {
            RegistrationFields.Name => "Name",
            RegistrationFields.Email => "Email address",
            RegistrationFields.Organisation => "Organisation",
            _ => "This answer",
        };
        return (field, message) switch
        {
            (RegistrationFields.Name, "is required") => "Enter your full name",
            (RegistrationFields.Email, "is required") => "Enter your email address",
            (RegistrationFields.Email, "must be an email address") => "Enter an email address in the correct format, like name@example.com",
            (_, "must not contain HTML") => $"{label} must not contain HTML tags",
            (_, _) when message.StartsWith("must be at most ", StringComparison.Ordinal) => $"{label} must be {message["must be at most ".Length..].Replace(" characters", "", StringComparison.Ordinal)} characters or fewer",
            (_, _) when message.Contains("control characters", StringComparison.Ordinal) => $"{label} must be on one line",
            _ => $"{label} {message}",
        };
    }
}
