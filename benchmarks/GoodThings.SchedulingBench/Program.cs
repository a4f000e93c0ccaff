using GoodThings.Scheduling;

// Usage: GoodThings.SchedulingBench <storage connection string>. Prints the round trips as a Markdown table.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: GoodThings.SchedulingBench <storage connection string>");
    return 2;
}

await using var workload = PassWorkload.Create(args[0], "bench" + Guid.NewGuid().ToString("N")[..8]);
var seeding = System.Diagnostics.Stopwatch.StartNew();
await workload.SeedAsync();
Console.WriteLine($"Seeded {PassWorkload.EventCount} events and {PassWorkload.RegistrationCount} registrations in {seeding.Elapsed.TotalSeconds:F0} s.");

// The first pass creates the due table's client; what is measured is every pass after it.
await workload.RunPassAsync();

async Task<(int RoundTrips, double Milliseconds)> MeasureAsync()
{
    workload.RoundTrips.Reset();
    var watch = System.Diagnostics.Stopwatch.StartNew();
    await workload.RunPassAsync();
    return (workload.RoundTrips.Count, watch.Elapsed.TotalMilliseconds);
}

var idle = await MeasureAsync();
workload.Time.SetUtcNow(workload.Events[0].StartsAt.AddHours(-24));
var oneDue = await MeasureAsync();

Console.WriteLine();
Console.WriteLine("| Pass | Table round trips | Time |");
Console.WriteLine("|---|---:|---:|");
Console.WriteLine($"| Nothing due | {idle.RoundTrips} | {idle.Milliseconds:F1} ms |");
Console.WriteLine($"| One event's reminder due | {oneDue.RoundTrips} | {oneDue.Milliseconds:F1} ms |");
return 0;
