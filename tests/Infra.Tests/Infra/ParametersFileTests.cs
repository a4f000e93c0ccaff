using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace GoodThings.Infra.Tests.Infra;

/// <summary>infra/main.parameters.json, which azd fills from its environment, against main.bicep's parameters.</summary>
public sealed partial class ParametersFileTests
{
    private static readonly JsonObject ParametersFile =
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.InfraDirectory, "main.parameters.json")))!["parameters"]!.AsObject();

    [Fact]
    public async Task ParametersFileNamesOnlyParametersOfMainBicep()
    {
        var parameters = (await BicepTemplate.MainAsync()).Parameters();

        var unknown = ParametersFile.Select(p => p.Key).Where(name => !parameters.ContainsKey(name));

        Assert.Empty(unknown);
    }

    [Fact]
    public async Task EveryParameterWithoutADefaultComesFromTheAzdEnvironment()
    {
        var parameters = (await BicepTemplate.MainAsync()).Parameters();

        var unmapped = parameters.Where(p => !p.Value).Select(p => p.Key).Where(name => !ParametersFile.ContainsKey(name));

        Assert.Empty(unmapped);
    }

    [Fact]
    public void EveryValueIsAnAzdEnvironmentVariable()
    {
        var literal = ParametersFile
            .Where(p => !AzdVariable().IsMatch(p.Value?["value"]?.ToString() ?? ""))
            .Select(p => p.Key);

        Assert.Empty(literal);
    }

    [GeneratedRegex(@"^\$\{[A-Z][A-Z0-9_]*\}$")]
    private static partial Regex AzdVariable();
}
