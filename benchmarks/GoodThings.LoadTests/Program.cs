using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

// A registration spike against one event of a running GoodThings app, over HTTP only. Prints throughput,
// latency percentiles and the overbooking check; exits non-zero if any of them is wrong.
// benchmarks/load-spike starts the app (local runner, Azurite, a fake SendGrid API) and runs this:
//   GoodThings.LoadTests <base-url> [requests] [capacity]   (management key in GOODTHINGS_FUNCTION_KEY)
if (args.Length < 1 || Environment.GetEnvironmentVariable("GOODTHINGS_FUNCTION_KEY") is not { Length: > 0 } key)
{
    Console.Error.WriteLine("usage: GOODTHINGS_FUNCTION_KEY=<management key> GoodThings.LoadTests <base-url> [requests] [capacity]");
    return 2;
}

var baseAddress = new Uri(args[0].TrimEnd('/') + "/");
var requests = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var capacity = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;

using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = requests }) { BaseAddress = baseAddress };
using var keyed = new HttpClient { BaseAddress = baseAddress, DefaultRequestHeaders = { { "x-functions-key", key } } };

var warmUp = await CreateEventAsync(keyed, capacity: 10);
await Task.WhenAll(Enumerable.Range(0, 20).Select(i => RegisterAsync(client, warmUp.Slug, $"warm-{i}@example.test")));

var target = await CreateEventAsync(keyed, capacity);
var clock = Stopwatch.StartNew();
var results = await Task.WhenAll(Enumerable.Range(0, requests).Select(i => RegisterAsync(client, target.Slug, $"spike-{i}@example.test")));
var wall = clock.Elapsed;

var latencies = results.Select(r => r.Latency.TotalMilliseconds).Order().ToArray();
var statuses = results.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
var confirmed = results.Count(r => r.Outcome == "confirmed");
var positions = results.Where(r => r.Outcome == "waitlisted").Select(r => r.Position).Order().ToArray();
var counts = (await keyed.GetFromJsonAsync<JsonElement>($"api/manage/events/{target.Id}")).GetProperty("counts");

Console.WriteLine($"requests: {requests}, capacity: {capacity}, all sent at once");
Console.WriteLine($"wall time: {wall.TotalSeconds:F2} s, throughput: {requests / wall.TotalSeconds:F0} registrations/s");
Console.WriteLine($"latency ms: p50 {Percentile(latencies, 50):F0}, p90 {Percentile(latencies, 90):F0}, p99 {Percentile(latencies, 99):F0}, max {latencies[^1]:F0}");
Console.WriteLine($"statuses: {string.Join(", ", statuses.Select(s => $"{(int)s.Key}×{s.Value}"))}");
Console.WriteLine($"confirmed in responses: {confirmed}, stored: {counts.GetProperty("confirmed").GetInt32()}, waitlisted stored: {counts.GetProperty("waitlisted").GetInt32()}");
var overbooked = confirmed > capacity || counts.GetProperty("confirmed").GetInt32() > capacity;
var positionsExact = positions.SequenceEqual(Enumerable.Range(1, requests - capacity));
Console.WriteLine($"overbooking: {(overbooked ? "YES" : "none")}; waitlist positions 1..{requests - capacity} exactly once: {positionsExact}");
return overbooked || !positionsExact || statuses.Keys.Any(s => s != HttpStatusCode.Created) ? 1 : 0;

static async Task<(string Id, string Slug)> CreateEventAsync(HttpClient keyed, int capacity)
{
    var starts = DateTimeOffset.UtcNow.AddDays(30);
    var created = await keyed.PostAsJsonAsync("api/manage/events", new
    {
        title = $"Spike {Guid.NewGuid():N}",
        startsAt = starts.ToString("O"),
        endsAt = starts.AddHours(2).ToString("O"),
        timeZone = "Europe/London",
        format = "inPerson",
        venue = new { name = "Hall", address = "1 Street" },
        capacity,
    });
    var json = await created.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
    var id = json.GetProperty("id").GetString()!;
    (await keyed.PostAsync($"api/manage/events/{id}/publish", null)).EnsureSuccessStatusCode();
    return (id, json.GetProperty("slug").GetString()!);
}

static async Task<(HttpStatusCode Status, string? Outcome, int Position, TimeSpan Latency)> RegisterAsync(HttpClient client, string slug, string email)
{
    var clock = Stopwatch.StartNew();
    var response = await client.PostAsJsonAsync($"api/events/{slug}/registrations", new { name = "Load Tester", email });
    // A failure may come without a JSON body; it still counts, by its status.
    var body = response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true
        ? await response.Content.ReadFromJsonAsync<JsonElement>()
        : default;
    var latency = clock.Elapsed;
    var isObject = body.ValueKind == JsonValueKind.Object;
    var outcome = isObject && body.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String ? status.GetString() : null;
    var position = isObject && body.TryGetProperty("waitlistPosition", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : 0;
    return (response.StatusCode, outcome, position, latency);
}

static double Percentile(double[] sorted, int percentile) =>
    sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
