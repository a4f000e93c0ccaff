using System.Globalization;
using GoodThings.LoadTests;

// The registration spike of docs/benchmarks.md: the same spike (all registrations sent at once to one event)
// through the whole app with one instance and with two, and the bare storage loop it is held against, side by
// side in one process on one Azurite, repeated --runs times with the order rotated. Prints wall time,
// registrations/s, p50/p99 and storage round trips per registration for each, and the app's rate against the
// bare loop's in the same run; exits non-zero if any app run answered other than 201, overbooked, numbered the
// waitlist other than 1..N, or left an email unsent. benchmarks/load-spike starts Azurite and the fake SendGrid
// API and runs this:
//   GoodThings.LoadTests [requests] [capacity] [--runs N] [--scenarios bare,1,2]
//   (Azurite's connection string in GOODTHINGS_LOAD_STORAGE, the fake SendGrid API's address in GOODTHINGS_LOAD_SENDGRID)
var positional = new List<string>();
var runs = 1;
string[] scenarios = ["bare", "1", "2"];
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--runs" when i + 1 < args.Length:
            runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--scenarios" when i + 1 < args.Length:
            scenarios = args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            break;
        default:
            positional.Add(args[i]);
            break;
    }
}

if (Environment.GetEnvironmentVariable("GOODTHINGS_LOAD_STORAGE") is not { Length: > 0 } storage ||
    Environment.GetEnvironmentVariable("GOODTHINGS_LOAD_SENDGRID") is not { Length: > 0 } sendGridAddress ||
    runs < 1 || scenarios.Length == 0 || scenarios.Any(s => s is not ("bare" or "1" or "2")) || positional.Count > 2)
{
    Console.Error.WriteLine("usage: GOODTHINGS_LOAD_STORAGE=<storage connection> GOODTHINGS_LOAD_SENDGRID=<fake SendGrid URL> GoodThings.LoadTests [requests] [capacity] [--runs N] [--scenarios bare,1,2]");
    return 2;
}

var requests = positional.Count > 0 ? int.Parse(positional[0], CultureInfo.InvariantCulture) : 1000;
var capacity = positional.Count > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 100;
var sendGrid = new Uri(sendGridAddress.TrimEnd('/') + "/");
using var tally = new RoundTripTally();

Console.WriteLine($"{requests} registrations for {capacity} seats, all sent at once; scenarios {string.Join(", ", scenarios)}; {runs} run(s), order rotated; {Environment.ProcessorCount} cores");
var rows = new List<(int Run, ScenarioResult Result, double? Ratio)>();
for (var run = 1; run <= runs; run++)
{
    var results = new List<ScenarioResult>();
    foreach (var scenario in scenarios.Skip((run - 1) % scenarios.Length).Concat(scenarios.Take((run - 1) % scenarios.Length)))
    {
        var result = scenario == "bare"
            ? await BareLoop.RunAsync(storage, requests, capacity, tally)
            : await AppSpike.RunAsync(storage, sendGrid, int.Parse(scenario, CultureInfo.InvariantCulture), requests, capacity, tally);
        Console.WriteLine($"run {run}, {result.Describe()}");
        results.Add(result);
    }

    var bare = results.FirstOrDefault(r => r.Name == "bare loop");
    rows.AddRange(results.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => (run, r, bare is null || r == bare ? (double?)null : r.Rate / bare.Rate)));
}

Console.WriteLine();
Console.WriteLine("| run | scenario | wall time | registrations/s | p50 | p99 | round trips/registration: request path | relay | outside requests | total | all emails sent | × bare loop |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
foreach (var (run, r, ratio) in rows)
{
    Console.WriteLine(r.Row(run, ratio));
}

var failed = rows.Where(r => r.Result.Problem is not null).ToList();
foreach (var (run, r, _) in failed)
{
    Console.Error.WriteLine($"run {run}, {r.Name}: {r.Problem}");
}

return failed.Count == 0 ? 0 : 1;
