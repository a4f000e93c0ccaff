using System.Net.Mail;
using System.Text.RegularExpressions;
using NodaTime;

namespace GoodThings.Validation;

/// <summary>
/// Collects field errors for one request. Text rules: single-line fields take no control characters (so no CR/LF
/// reaches a header, a calendar line or a CSV row) and no markup (a name or a title never needs a tag); multi-line
/// fields may hold line breaks. Everything is trimmed.
/// </summary>
public sealed partial class Validator
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsValid => _errors.Count == 0;

    public IDictionary<string, string[]> Errors => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    public string? Text(string field, string? value, int maxLength, bool required = false, bool multiLine = false, bool allowMarkup = false)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Add(field, "is required");
            }

            return null;
        }

        if (text.Length > maxLength)
        {
            Add(field, $"must be at most {maxLength} characters");
        }

        if (text.Any(c => char.IsControl(c) && !(multiLine && c is '\r' or '\n' or '\t')))
        {
            Add(field, multiLine ? "contains control characters" : "must be a single line without control characters");
        }

        if (!allowMarkup && Markup().IsMatch(text))
        {
            Add(field, "must not contain HTML");
        }

        return text;
    }

    public string? Email(string field, string? value, bool required = true)
    {
        var email = Text(field, value, 254, required);
        if (email is not null && !IsEmailAddress(email))
        {
            Add(field, "must be an email address");
        }

        return email;
    }

    /// <summary>An absolute https URL (no javascript:, data: or plain http).</summary>
    public string? HttpsUrl(string field, string? value, bool required = false)
    {
        var text = Text(field, value, 2000, required);
        if (text is not null && !(Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host)))
        {
            Add(field, "must be an absolute https:// URL");
        }

        return text;
    }

    /// <summary>An ISO 8601 date-time that states its offset (a time without one is ambiguous).</summary>
    public DateTimeOffset? Instant(string field, string? value, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, "is required");
            }

            return null;
        }

        if (!WithOffset().IsMatch(value)
            || !DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var instant))
        {
            Add(field, "must be an ISO 8601 date-time with an offset, e.g. 2026-03-03T18:30:00+00:00");
            return null;
        }

        return instant;
    }

    /// <summary>
    /// An IANA time zone id such as Europe/London, exactly as the tz database spells it. The system's lookup alone is
    /// not enough: it also finds files that are no zone ("localtime" is whatever the server's clock is set to,
    /// "posixrules", "Factory"), and, once a zone is cached, the same id in another case ("europe/london"), which the
    /// calendar files' tz database (NodaTime) then does not know.
    /// </summary>
    public string? TimeZone(string field, string? value)
    {
        var id = Text(field, value, 64, required: true);
        if (id is not null && !(DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) is not null
                                && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId && !id.Contains(' ', StringComparison.Ordinal)))
        {
            Add(field, "must be an IANA time zone such as Europe/London");
            return null;
        }

        return id;
    }

    /// <summary>Topics (event tags, subscribers' interests): at most 20, each one line of at most 50, compared in lower case.</summary>
    public List<string> Topics(string field, IReadOnlyList<string?>? input)
    {
        if (input is null)
        {
            return [];
        }

        if (input.Count > 20)
        {
            Add(field, "must hold at most 20 topics");
        }

        var topics = new List<string>();
        for (var i = 0; i < input.Count; i++)
        {
            if (Text($"{field}[{i}]", input[i], 50, required: true) is { } topic)
            {
                topics.Add(topic.ToLowerInvariant());
            }
        }

        return [.. topics.Distinct(StringComparer.Ordinal)];
    }

    public static bool IsEmailAddress(string email) =>
        MailAddress.TryCreate(email, out var address)
        && string.Equals(address.Address, email, StringComparison.Ordinal)
        && SimpleEmail().IsMatch(email);

    [GeneratedRegex(@"<\s*[a-zA-Z/!?]")]
    private static partial Regex Markup();

    [GeneratedRegex(@"(Z|[+-]\d{2}:\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex WithOffset();

    // One @, a dot in the domain, no spaces or quotes: what a registration form should accept.
    [GeneratedRegex(@"^[^@\s""<>()\[\]\\,;:]+@[^@\s""<>()\[\]\\,;:]+\.[^@\s""<>()\[\]\\,;:]+$")]
    private static partial Regex SimpleEmail();
}
