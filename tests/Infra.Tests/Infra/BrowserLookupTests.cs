namespace GoodThings.Infra.Tests.Infra;

/// <summary>
/// scripts/lib/browser.bash, the browser lookup of .ci/run, run by bash with a PATH of stub executables and a fake
/// os-release: the order of the lookup, the install through apt on Debian only, and the message elsewhere.
/// </summary>
public sealed class BrowserLookupTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("gt-browser-");

    private string Bin => Path.Combine(_folder.FullName, "bin");

    private string Log => Path.Combine(_folder.FullName, "calls.log");

    public BrowserLookupTests()
    {
        Directory.CreateDirectory(Bin);
        File.WriteAllText(Log, "");
    }

    [Fact]
    public async Task TheVariableWinsOverEveryBrowserOnPath()
    {
        Stub("chromium");
        Stub("google-chrome");
        var chosen = Stub("my-browser", Path.Combine(_folder.FullName, "elsewhere"));

        var result = await EnsureBrowserAsync(os: "debian", chromium: chosen);

        AssertFound(result, chosen);
    }

    [Fact]
    public async Task AVariableNamingNoExecutableFailsSayingSo()
    {
        Stub("chromium");

        var result = await EnsureBrowserAsync(os: "debian", chromium: Path.Combine(_folder.FullName, "missing"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("GOODTHINGS_CHROMIUM", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", File.ReadAllText(Log));
    }

    [Fact]
    public async Task ChromiumComesBeforeGoogleChrome()
    {
        Stub("chromium-browser");
        Stub("google-chrome");
        var chromium = Stub("chromium");

        AssertFound(await EnsureBrowserAsync(os: "ubuntu"), chromium);
    }

    [Fact]
    public async Task GoogleChromeComesBeforeChromiumBrowser()
    {
        Stub("chromium-browser");
        var chrome = Stub("google-chrome");

        AssertFound(await EnsureBrowserAsync(os: "ubuntu"), chrome);
    }

    [Fact]
    public async Task ChromiumBrowserIsTheLastResort()
    {
        var chromiumBrowser = Stub("chromium-browser");

        AssertFound(await EnsureBrowserAsync(os: "ubuntu"), chromiumBrowser);
    }

    [Theory]
    [InlineData("ubuntu")]
    [InlineData("fedora")]
    [InlineData(null)]
    public async Task NoBrowserOutsideDebianFailsNamingWhatToInstallAndInstallsNothing(string? os)
    {
        StubInstallers();

        var result = await EnsureBrowserAsync(os);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Install Chromium", result.StandardError, StringComparison.Ordinal);
        Assert.Contains("Google Chrome", result.StandardError, StringComparison.Ordinal);
        Assert.Equal("", File.ReadAllText(Log));
    }

    [Fact]
    public async Task NoBrowserOnDebianInstallsChromiumWithApt()
    {
        StubInstallers();

        var result = await EnsureBrowserAsync(os: "debian");

        AssertFound(result, Path.Combine(Bin, "chromium"));
        var calls = File.ReadAllLines(Log);
        Assert.Contains(calls, call => call.StartsWith("apt-get update", StringComparison.Ordinal));
        Assert.Contains(calls, call => call.StartsWith("apt-get install", StringComparison.Ordinal) && call.EndsWith(" chromium", StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Delete(recursive: true);

    private static void AssertFound(ProcessResult result, string path)
    {
        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal($"found={path}", result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries).Last());
    }

    /// <summary>An executable that records its name and arguments; returns its path.</summary>
    private string Stub(string name, string? folder = null, string extra = "")
    {
        folder ??= Bin;
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, $"#!/bin/bash\necho \"{name} $*\" >> '{Log}'\n{extra}");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    /// <summary>apt-get (whose install puts a chromium on PATH, as the package does) and sudo, which runs its command.</summary>
    private void StubInstallers()
    {
        var chromium = Path.Combine(Bin, "chromium");
        Stub("apt-get", extra: $"if [ \"$1\" = install ]; then printf '#!/bin/bash\\n' > '{chromium}'; PATH=/usr/bin:/bin chmod +x '{chromium}'; fi\n");
        Stub("sudo", extra: "exec \"$@\"\n");
    }

    private async Task<ProcessResult> EnsureBrowserAsync(string? os, string? chromium = null)
    {
        var osRelease = Path.Combine(_folder.FullName, "os-release");
        await File.WriteAllTextAsync(osRelease, os is null ? "NAME=\"Something\"\n" : $"PRETTY_NAME=\"An OS\"\nNAME=\"An OS\"\nID={os}\nID_LIKE=\"debian\"\n");
        var script = Path.Combine(Repository.Root, "scripts", "lib", "browser.bash");
        return await Processes.RunAsync(
            "/bin/bash",
            ["-c", $"set -euo pipefail; source '{script}'; ensure_browser; echo \"found=$GOODTHINGS_CHROMIUM\""],
            _folder.FullName,
            new Dictionary<string, string?>
            {
                ["PATH"] = Bin,
                ["GOODTHINGS_OS_RELEASE"] = osRelease,
                ["GOODTHINGS_CHROMIUM"] = chromium,
            });
    }
}
