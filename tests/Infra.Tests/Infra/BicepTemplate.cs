using System.Text.Json.Nodes;

namespace GoodThings.Infra.Tests.Infra;

/// <summary>infra/main.bicep compiled to an ARM template by the Bicep CLI, once per test run.</summary>
internal sealed class BicepTemplate
{
    private static readonly Lazy<Task<BicepTemplate>> Main = new(() => CompileAsync(Path.Combine(Repository.InfraDirectory, "main.bicep")));

    private BicepTemplate(JsonObject json) => Json = json;

    public JsonObject Json { get; }

    public static Task<BicepTemplate> MainAsync() => Main.Value;

    /// <summary>
    /// The function app's app settings (the Microsoft.Web/sites/config 'appsettings' resource), name to value as
    /// written in the template (values may be ARM expressions).
    /// </summary>
    public IReadOnlyDictionary<string, string> AppSettings()
    {
        var resources = Descendants(Json)
            .OfType<JsonObject>()
            .Where(node => node["type"]?.GetValue<string>() == "Microsoft.Web/sites/config"
                           && node["name"]?.ToString().Contains("'appsettings'", StringComparison.Ordinal) == true)
            .ToList();
        var properties = Assert.Single(resources)["properties"]?.AsObject()
                         ?? throw new InvalidOperationException("The appsettings resource has no properties.");
        return properties.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal);
    }

    /// <summary>The top-level parameters: name to whether the template gives a default.</summary>
    public IReadOnlyDictionary<string, bool> Parameters() =>
        (Json["parameters"]?.AsObject() ?? [])
        .ToDictionary(p => p.Key, p => p.Value?.AsObject().ContainsKey("defaultValue") == true, StringComparer.Ordinal);

    private static async Task<BicepTemplate> CompileAsync(string bicepFile)
    {
        EnsureExecutable(Repository.BicepPath);
        var result = await Processes.RunAsync(Repository.BicepPath, ["build", bicepFile, "--stdout"], Repository.InfraDirectory);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build {bicepFile} failed ({result.ExitCode}):\n{result.StandardError}");
        }

        return new BicepTemplate(JsonNode.Parse(result.StandardOutput)?.AsObject()
                                 ?? throw new InvalidOperationException("bicep build wrote no JSON."));
    }

    private static void EnsureExecutable(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The Bicep CLI is not at {path}; restore tests/Infra.Tests.", path);
        }

        if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        }
    }

    public static IEnumerable<JsonNode> Descendants(JsonNode node)
    {
        yield return node;
        IEnumerable<JsonNode?> children = node switch
        {
            JsonObject obj => obj.Select(p => p.Value),
            JsonArray array => array,
            _ => [],
        };
        foreach (var child in children.OfType<JsonNode>())
        {
            foreach (var descendant in Descendants(child))
            {
                yield return descendant;
            }
        }
    }
}
