using System.Text.Json.Nodes;

namespace GoodThings.Infra.Tests.Infra;

/// <summary>
/// infra/main.bicep's storagePrefix parameter holds the app's rule (^[a-z][a-z0-9]{1,19}$), so a bad value stops the
/// deployment instead of deploying an app that cannot start. Values are tried through `bicep build-params`, which
/// checks the length decorators and evaluates the rule's function offline.
/// </summary>
public sealed class StoragePrefixParameterTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gt-prefix-");

    [Fact]
    public async Task TheParameterStatesTheLengthsAndThePattern()
    {
        var parameter = (await BicepTemplate.MainAsync()).Json["parameters"]!["storagePrefix"]!;

        Assert.Equal(2, parameter["minLength"]!.GetValue<int>());
        Assert.Equal(20, parameter["maxLength"]!.GetValue<int>());
        Assert.Contains("^[a-z][a-z0-9]{1,19}$", parameter["metadata"]!["description"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("g", "BCP333")]
    [InlineData("abcdefghijklmnopqrstu", "BCP332")]
    public async Task AValueOfTheWrongLengthIsRefused(string prefix, string diagnostic)
    {
        var result = await BuildParamsAsync($"param storagePrefix = '{prefix}'");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(diagnostic, result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gt", true)]
    [InlineData("staging2", true)]
    [InlineData("abcdefghijklmnopqrst", true)]
    [InlineData("Gt", false)]
    [InlineData("9gt", false)]
    [InlineData("g-t", false)]
    [InlineData("g_t", false)]
    [InlineData("gté", false)]
    [InlineData("g t", false)]
    [InlineData("g", false)]
    [InlineData("abcdefghijklmnopqrstu", false)]
    public async Task TheRuleMatchesTheAppsPattern(string prefix, bool valid)
    {
        Assert.Equal(valid, System.Text.RegularExpressions.Regex.IsMatch(prefix, "^[a-z][a-z0-9]{1,19}$"));

        var result = await BuildParamsAsync(
            $"import {{ isValidStoragePrefix }} from '{Relative("modules/storage-prefix.bicep")}'\n" +
            $"param storagePrefix = isValidStoragePrefix('{prefix}') ? 'valid' : 'invalid'");

        Assert.True(result.ExitCode == 0, result.Output);
        var parameters = JsonNode.Parse(JsonNode.Parse(result.StandardOutput)!["parametersJson"]!.GetValue<string>())!["parameters"]!;
        Assert.Equal(valid ? "valid" : "invalid", parameters["storagePrefix"]!["value"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheAppSettingsGetTheCheckedPrefix()
    {
        var json = (await BicepTemplate.MainAsync()).Json;

        var check = json["variables"]!["checkedStoragePrefix"]!.GetValue<string>();
        Assert.StartsWith("[if(__bicep.isValidStoragePrefix(parameters('storagePrefix')), parameters('storagePrefix'), fail(", check, StringComparison.Ordinal);
        Assert.Contains("fail('storagePrefix must", check, StringComparison.Ordinal);
        Assert.Contains("\"storagePrefix\":\"[variables('checkedStoragePrefix')]\"", json.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }), StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private string Relative(string infraPath) =>
        Path.GetRelativePath(_folder.FullName, Path.Combine(Repository.InfraDirectory, infraPath)).Replace('\\', '/');

    private async Task<ProcessResult> BuildParamsAsync(string lines)
    {
        var file = Path.Combine(_folder.FullName, "prefix.bicepparam");
        await File.WriteAllTextAsync(file, $"""
            using '{Relative("main.bicep")}'
            {lines}
            param environmentName = 'test'
            param location = 'westeurope'
            param emailFrom = 'events@example.org'

            """);
        return await Processes.RunAsync(Repository.BicepPath, ["build-params", file, "--stdout"], _folder.FullName);
    }
}
