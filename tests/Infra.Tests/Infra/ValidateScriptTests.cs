namespace GoodThings.Infra.Tests.Infra;

/// <summary>infra/validate.sh, the CI gate for the Bicep files.</summary>
public sealed class ValidateScriptTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gt-bicep-");

    [Fact]
    public async Task ValidateFailsOnALinterWarning()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "unused.bicep"), "param unused string\n");

        var result = await RunValidateAsync(_folder.FullName);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Warning no-unused-params", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ValidatePassesACleanFile()
    {
        await File.WriteAllTextAsync(Path.Combine(_folder.FullName, "clean.bicep"), "param name string\noutput greeting string = 'Hello ${name}'\n");

        var result = await RunValidateAsync(_folder.FullName);

        Assert.True(result.ExitCode == 0, result.Output);
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static Task<ProcessResult> RunValidateAsync(string folder) =>
        Processes.RunAsync("bash", [Path.Combine(Repository.InfraDirectory, "validate.sh"), folder], Repository.Root);
}
