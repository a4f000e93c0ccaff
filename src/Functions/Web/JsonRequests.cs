using System.Net.Mime;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace GoodThings.Web;

/// <summary>A JSON request body read and bound, or the problem response that says why not.</summary>
public readonly record struct BodyRead<T>(T? Value, IActionResult? Problem)
{
    public bool Succeeded => Problem is null;
}

/// <summary>
/// Reads request bodies for the API: content type checked (415), size capped at 64 KiB (413), JSON parsed
/// strictly (400 for malformed JSON, wrong types or unknown fields, naming the field).
/// </summary>
public static class JsonRequests
{
    public const int MaxBodyBytes = 64 * 1024;

    public static Task<BodyRead<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken, params string[] mediaTypes)
        where T : class => ReadAsync<T>(request, MaxBodyBytes, cancellationToken, mediaTypes);

    public static async Task<BodyRead<T>> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken, params string[] mediaTypes)
        where T : class
    {
        var node = await ReadObjectAsync(request, maxBytes, cancellationToken, mediaTypes);
        return node.Succeeded ? Bind<T>(node.Value!) : new BodyRead<T>(null, node.Problem);
    }

    /// <summary>
    /// Reads, binds and validates a body in one step: <paramref name="validate"/> adds field errors to the validator
    /// and returns the valid input; any error becomes a 400 problem naming the fields.
    /// </summary>
    public static Task<BodyRead<TValid>> ReadValidAsync<TBody, TValid>(
        HttpRequest request, Func<TBody, Validator, TValid?> validate, CancellationToken cancellationToken)
        where TBody : class => ReadValidAsync(request, validate, MaxBodyBytes, cancellationToken);

    /// <param name="maxBytes">A larger limit than <see cref="MaxBodyBytes"/>, for the few bodies that need one.</param>
    public static async Task<BodyRead<TValid>> ReadValidAsync<TBody, TValid>(
        HttpRequest request, Func<TBody, Validator, TValid?> validate, int maxBytes, CancellationToken cancellationToken)
        where TBody : class
    {
        var body = await ReadAsync<TBody>(request, maxBytes, cancellationToken);
        if (!body.Succeeded)
        {
            return new(default, body.Problem);
        }

        var validator = new Validator();
        var valid = validate(body.Value!, validator);
        return validator.IsValid ? new(valid, null) : new(default, Problems.Validation(validator.Errors));
    }

    /// <summary>Reads a JSON object (for merge patches), checking type, size and syntax but not shape.</summary>
    public static Task<BodyRead<JsonObject>> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken, params string[] mediaTypes) =>
        ReadObjectAsync(request, MaxBodyBytes, cancellationToken, mediaTypes);

    public static async Task<BodyRead<JsonObject>> ReadObjectAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken, params string[] mediaTypes)
    {
        string[] accepted = mediaTypes.Length > 0 ? mediaTypes : [MediaTypeNames.Application.Json];
        if (!HasMediaType(request, accepted))
        {
            return new(null, Problems.Create(
                StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", $"Send the body as {string.Join(" or ", accepted)}."));
        }

        var body = await ReadLimitedAsync(request, cancellationToken, maxBytes);
        if (body is null)
        {
            return new(null, Problems.Create(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"Bodies are limited to {maxBytes / 1024} KiB."));
        }

        // JSON text is UTF-8 (RFC 8259 §8.1); the parser would otherwise turn stray bytes into U+FFFD and store them.
        if (!Utf8.IsValid(body))
        {
            return new(null, Problems.Create(StatusCodes.Status400BadRequest, "Malformed JSON", "The body is not valid UTF-8."));
        }

        try
        {
            // A name given twice is refused: the merge patch's JsonObject throws ArgumentException on it (a 500), the
            // binder silently keeps the last, and other parsers may keep the first.
            if (JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { MaxDepth = 16, AllowDuplicateProperties = false }) is not JsonObject value)
            {
                return new(null, Problems.Create(StatusCodes.Status400BadRequest, "Malformed JSON", "The body must be a JSON object."));
            }

            return HasOnlyWellFormedStrings(body)
                ? new(value, null)
                : new(null, Problems.Create(StatusCodes.Status400BadRequest, "Malformed JSON", "The body holds a \\u escape of half a surrogate pair, which is no character."));
        }
        catch (JsonException exception)
        {
            var detail = exception.LineNumber is { } line
                ? $"The body is not valid JSON (line {line + 1}, byte {exception.BytePositionInLine + 1})."
                : "The body is not valid JSON: a name appears twice in one object.";
            return new(null, Problems.Create(StatusCodes.Status400BadRequest, "Malformed JSON", detail));
        }
    }

    /// <summary>
    /// False when a string or name escapes an unpaired surrogate (<c>"\ud800"</c>): valid JSON grammar, but no
    /// text, and reading it later throws (InvalidOperationException, a 500) wherever the value is first used.
    /// </summary>
    private static bool HasOnlyWellFormedStrings(byte[] body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName)
                {
                    _ = reader.GetString();
                }
            }

            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Binds a parsed object to <typeparamref name="T"/>, turning a type mismatch into a field error.</summary>
    public static BodyRead<T> Bind<T>(JsonObject json)
        where T : class =>
        JsonBinding.Bind<T>(json, out var errors) is { } value
            ? new(value, null)
            : new(null, Problems.Validation(errors));

    /// <summary>Reads the body, or null when it is larger than <paramref name="maxBytes"/> (by default <see cref="MaxBodyBytes"/>).</summary>
    public static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, CancellationToken cancellationToken, int maxBytes = MaxBodyBytes)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool HasMediaType(HttpRequest request, string[] accepted) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
        && accepted.Any(type => string.Equals(contentType.MediaType.Value, type, StringComparison.OrdinalIgnoreCase))
        && (contentType.Charset.Value is null || string.Equals(contentType.Charset.Value, "utf-8", StringComparison.OrdinalIgnoreCase));
}
