using GoodThings.CampaignBench;

// Usage (benchmarks/campaign-send runs all four, each in its own process so one's peak memory is not another's):
//   GoodThings.CampaignBench seed <storage connection string> <storage prefix>
//   GoodThings.CampaignBench send <storage connection string> <storage prefix> [failure rate, e.g. 0.3]
//   GoodThings.CampaignBench kill-restart <storage connection string> <storage prefix>
// Each run prints one Markdown table row and exits 1 unless every subscriber got exactly one copy.
switch (args)
{
    case ["seed", var storage, var prefix]:
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Audience.SeedAsync(storage, prefix);
        Console.WriteLine($"Seeded {Audience.Size:N0} confirmed subscribers in {clock.Elapsed.TotalSeconds:F0} s.");
        return 0;
    case ["send", var storage, var prefix]:
        return await InProcessRun.RunAsync(storage, prefix, failureRate: 0);
    case ["send", var storage, var prefix, var rate]:
        return await InProcessRun.RunAsync(storage, prefix, double.Parse(rate, System.Globalization.CultureInfo.InvariantCulture));
    case ["kill-restart", var storage, var prefix]:
        return await KillRestartRun.RunAsync(storage, prefix);
    default:
        Console.Error.WriteLine("usage: GoodThings.CampaignBench seed|send|kill-restart <storage connection string> <storage prefix> [failure rate]");
        return 2;
}
