using Microsoft.AspNetCore.WebUtilities;

namespace GoodThings.Web;

/// <summary>Forms the public pages post without JavaScript: read within the body limit, checked for bots, errors worded for people.</summary>
public static class HtmlForms
{
    /// <returns>The posted fields (a field may repeat, as ticked checkboxes do), or null when the body is not a form or is too large.</returns>
    public static async Task<IReadOnlyDictionary<string, StringValues>?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType || request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) != true)
        {
            return null;
        }

        var body = await JsonRequests.ReadLimitedAsync(request, cancellationToken);
        return body is null ? null : QueryHelpers.ParseQuery(Encoding.UTF8.GetString(body));
    }

    /// <summary>One field's value (a repeated field's values joined by commas), or null when it was not posted.</summary>
    public static string? Field(this IReadOnlyDictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var value) ? value.ToString() : null;

    /// <summary>A filled honeypot means a bot: it is answered as a person would be, and nothing is stored.</summary>
    public static bool IsBot(IReadOnlyDictionary<string, StringValues> form, string honeypot) =>
        !string.IsNullOrWhiteSpace(form.Field(honeypot));

    /// <summary>
    /// Every field's errors for a page's error summary, worded by <paramref name="wording"/>. <paramref name="fieldOf"/>
    /// names the form field a validator key belongs to (say "topics[3]" to the topics group).
    /// </summary>
    public static FieldError[] Errors(IDictionary<string, string[]> errors, FormWording wording, Func<string, string>? fieldOf = null) =>
        [.. errors.SelectMany(e => e.Value.Select(message =>
        {
            var field = fieldOf?.Invoke(e.Key) ?? e.Key;
            return new FieldError(field, wording.Sentences?.GetValueOrDefault((field, message)) ?? Humanise(wording.Labels.GetValueOrDefault(field, "This answer"), message));
        }))];

    /// <summary>A <see cref="Validation.Validator"/> message for a field labelled <paramref name="label"/>, in words for the person who typed it.</summary>
    public static string Humanise(string label, string message) => message switch
    {
        "is required" => $"Enter your {label.ToLowerInvariant()}",
        "must be an email address" => "Enter an email address in the correct format, like name@example.com",
        "must not contain HTML" => $"{label} must not contain HTML tags",
        _ when message.StartsWith("must be at most ", StringComparison.Ordinal) =>
            $"{label} must be {message["must be at most ".Length..].Replace(" characters", "", StringComparison.Ordinal)} characters or fewer",
        _ when message.Contains("control characters", StringComparison.Ordinal) => $"{label} must be on one line",
        _ => $"{label} {message}",
    };
}

/// <summary>How a form words validator messages: a label for each field, and whole sentences for particular (field, message) pairs.</summary>
public sealed record FormWording(IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<(string Field, string Message), string>? Sentences = null);
