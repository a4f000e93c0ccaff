using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace GoodThings.Contract;

/// <summary>docs/openapi.yaml (copied beside the tests), read with Microsoft.OpenApi, and its schemas as JSON Schema.</summary>
internal static class ApiDocument
{
    private static readonly Lazy<Task<(OpenApiDocument Document, JsonObject Json)>> Loaded = new(LoadAsync);

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "Contract", "openapi.yaml");

    public static async Task<OpenApiDocument> GetAsync() => (await Loaded.Value).Document;

    /// <summary>
    /// The JSON Schema the document declares for this response: its schema with every component schema under
    /// <c>$defs</c>, so the <c>$ref</c>s resolve (OpenAPI 3.1 schemas are JSON Schema 2020-12).
    /// </summary>
    public static async Task<JsonSchema> ResponseSchemaAsync(string path, HttpMethod method, int status, string mediaType)
    {
        var (document, json) = await Loaded.Value;
        var operation = document.Paths.GetValueOrDefault(path)?.Operations?.GetValueOrDefault(method);
        Assert.True(operation is not null, $"The document has no {method} {path}.");
        IOpenApiResponse? response = null;
        operation.Responses?.TryGetValue(status.ToString(System.Globalization.CultureInfo.InvariantCulture), out response);
        Assert.True(response is not null, $"{method} {path} answered {status}, which the document does not declare.");
        IOpenApiMediaType? content = null;
        response.Content?.TryGetValue(mediaType, out content);
        var schema = content?.Schema;
        Assert.True(schema is not null, $"{method} {path} answered {status} as {mediaType}, for which the document declares no schema.");

        var root = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$defs"] = json["components"]!["schemas"]!.DeepClone(),
            ["allOf"] = new JsonArray(JsonNode.Parse(await schema.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1))),
        };

        // Component references point into the OpenAPI document; here the components sit under $defs.
        var text = root.ToJsonString().Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);
        return JsonSchema.FromText(text, baseUri: new Uri($"https://goodthings.test/contract/{Guid.NewGuid():N}"));
    }

    /// <summary>Asserts the response's JSON body is what the document declares for its path, method and status.</summary>
    public static async Task<JsonElement> AssertMatchesAsync(HttpResponseMessage response, HttpMethod method, string path)
    {
        var body = await response.Content.ReadAsStringAsync();
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "(none)";
        var schema = await ResponseSchemaAsync(path, method, (int)response.StatusCode, mediaType);
        var instance = JsonDocument.Parse(body).RootElement.Clone();
        var results = schema.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(
            results.IsValid,
            $"{method} {path} answered {(int)response.StatusCode} with a body the document does not allow.\nBody: {body}\nErrors: {Errors(results)}");
        return instance;
    }

    private static string Errors(EvaluationResults results) =>
        string.Join("\n  ", (results.Details ?? []).Append(results)
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}")));

    private static async Task<(OpenApiDocument, JsonObject)> LoadAsync()
    {
        var settings = new OpenApiReaderSettings();
        settings.AddYamlReader();
        await using var stream = File.OpenRead(FilePath);
        var (document, diagnostic) = await OpenApiDocument.LoadAsync(stream, OpenApiConstants.Yaml, settings);
        if (document is null || diagnostic?.Errors.Count > 0)
        {
            throw new InvalidOperationException(
                $"{FilePath} did not load: {string.Join("; ", diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}") ?? [])}");
        }

        var json = JsonNode.Parse(await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1))!.AsObject();
        return (document, json);
    }
}
