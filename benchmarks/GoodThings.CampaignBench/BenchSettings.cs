using GoodThings.LocalRunner.Hosting;

namespace GoodThings.CampaignBench;

/// <summary>The app's settings in every run, in configuration form (<c>:</c>); a separate process gets them as environment variables.</summary>
public static class BenchSettings
{
    public const string FunctionKey = "campaign-bench-function-key-0123456789";

    public static Dictionary<string, string?> App(string storage, string prefix, string? sendGridHost) => new()
    {
        ["AzureWebJobsStorage"] = storage,
        ["Storage:Prefix"] = prefix,
        ["StoragePrefix"] = prefix,
        ["AzureFunctionsWebHost:hostid"] = prefix,
        ["Site:BaseUrl"] = "http://localhost:7071",
        ["Tokens:SigningKey"] = "campaign-bench-signing-key-not-a-secret-0123456789",
        ["Email:From"] = "events@goodthings.localhost",
        ["Email:FromName"] = "How to make good things happen",
        ["SendGrid:ApiKey"] = sendGridHost is null ? "" : "SG.fake-key-for-the-benchmark",
        ["SendGrid:Host"] = sendGridHost,
        ["Timers:Schedule"] = "0 * * * * *",
        ["TimersSchedule"] = "0 * * * * *",
        ["LocalRunner:SampleData"] = "false",
        [FunctionKeys.Setting] = FunctionKey,
    };

    /// <summary>Peak resident memory (VmHWM) of a process, in MB, from /proc.</summary>
    public static double PeakMegabytes(string process = "self")
    {
        var line = File.ReadLines($"/proc/{process}/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line["VmHWM:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
    }
}
