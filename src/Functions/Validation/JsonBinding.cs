using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GoodThings.Validation;

/// <summary>
/// Binds parsed JSON to input classes strictly: no unknown fields, no numbers in strings, nullable annotations
/// respected. A mismatch becomes a field error, never an exception.
/// </summary>
public static class JsonBinding
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        AllowTrailingCommas = false,
        RespectNullableAnnotations = true,
    };

    /// <returns>The bound value, or null with <paramref name="errors"/> naming the field that did not fit.</returns>
    public static T? Bind<T>(JsonObject json, out IDictionary<string, string[]> errors)
        where T : class
    {
        errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        try
        {
            if (json.Deserialize<T>(Options) is { } value)
            {
                return value;
            }

            errors["body"] = ["must be a JSON object"];
            return null;
        }
        catch (JsonException exception)
        {
            var message = exception.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "is not a field this request takes"
                : "has the wrong type or format";
            errors[FieldOf(exception.Path)] = [message];
            return null;
        }
    }

    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');
}
