using System.Globalization;
using System.Text.Json;

namespace GoodThings.LocalRunner.Hosting;

/// <summary>The parts of host.json the runner honours, with the Functions host's defaults.</summary>
public sealed record HostJson
{
    public string RoutePrefix { get; init; } = "api";

    public QueueSettings Queues { get; init; } = new();

    public string? DefaultLogLevel { get; init; }

    public static HostJson Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"host.json not found at {path}.", path);
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        var root = document.RootElement;
        var defaults = new QueueSettings();
        var queues = Section(root, "extensions", "queues");
        return new HostJson
        {
            RoutePrefix = Section(root, "extensions", "http") is { } http && Property(http, "routePrefix") is { } prefix
                ? prefix.GetString()!.Trim('/')
                : "api",
            Queues = queues is not { } q ? defaults : new QueueSettings
            {
                MaxDequeueCount = Property(q, "maxDequeueCount")?.GetInt32() ?? defaults.MaxDequeueCount,
                VisibilityTimeout = TimeSpanOf(Property(q, "visibilityTimeout")) ?? defaults.VisibilityTimeout,
                MaxPollingInterval = TimeSpanOf(Property(q, "maxPollingInterval")) ?? defaults.MaxPollingInterval,
                BatchSize = Property(q, "batchSize")?.GetInt32() ?? defaults.BatchSize,
                MessageEncoding = Property(q, "messageEncoding")?.GetString() ?? defaults.MessageEncoding,
            },
            DefaultLogLevel = Section(root, "logging", "logLevel") is { } levels ? Property(levels, "default")?.GetString() : null,
        };
    }

    private static JsonElement? Section(JsonElement root, params string[] path)
    {
        JsonElement? current = root;
        foreach (var name in path)
        {
            current = current is { } element ? Property(element, name) : null;
        }

        return current;
    }

    // host.json names are case-insensitive to the Functions host.
    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object
            ? element.EnumerateObject().Where(p => p.NameEquals(name) || string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                .Select(p => (JsonElement?)p.Value).FirstOrDefault()
            : null;

    private static TimeSpan? TimeSpanOf(JsonElement? element) =>
        element is { } value ? TimeSpan.Parse(value.GetString()!, CultureInfo.InvariantCulture) : null;
}

/// <summary>host.json <c>extensions.queues</c>.</summary>
public sealed record QueueSettings
{
    public int MaxDequeueCount { get; init; } = 5;

    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.Zero;

    public TimeSpan MaxPollingInterval { get; init; } = TimeSpan.FromMinutes(1);

    public int BatchSize { get; init; } = 16;

    public string MessageEncoding { get; init; } = "base64";
}
