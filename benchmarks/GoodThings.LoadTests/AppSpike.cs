using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using GoodThings.LocalRunner.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoodThings.LoadTests;

/// <summary>
/// The spike through the whole app: <c>instances</c> hosts of the real function classes (the local runner's
/// hosting, as <c>benchmarks/load-spike</c>'s runner process uses it), each on its own loopback port with its own
/// services, lanes, storage clients and queue triggers, sharing one Azurite and one storage prefix as scaled-out
/// instances share an account. The client sends to them round-robin, over HTTP only.
/// </summary>
public static class AppSpike
{
    private const string Key = "load-spike-management-key-0123456789";
    private const int WarmUpRequests = 100;
    private static readonly TimeSpan EmailDeadline = TimeSpan.FromSeconds(120);

    public static async Task<ScenarioResult> RunAsync(string storageConnection, Uri sendGrid, int instances, int requests, int capacity, RoundTripTally tally)
    {
        var prefix = "spike" + Guid.NewGuid().ToString("N")[..8];
        var hosts = new List<WebApplication>();
        var clients = new List<HttpClient>();
        try
        {
            for (var i = 0; i < instances; i++)
            {
                var (host, address) = await StartAsync(storageConnection, sendGrid, prefix);
                hosts.Add(host);
                clients.Add(new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = requests }) { BaseAddress = address });
            }

            using var keyed = new HttpClient { BaseAddress = clients[0].BaseAddress, DefaultRequestHeaders = { { FunctionKeys.Header, Key } } };
            using var fakeSendGrid = new HttpClient { BaseAddress = sendGrid };

            // A warm-up on another event through every instance (JIT, connection pools, tables and queues created),
            // and its emails sent, so the spike starts from a quiet app.
            var accepted = await AcceptedAsync(fakeSendGrid);
            var warmUp = await CreateEventAsync(keyed, capacity: 10);
            await Task.WhenAll(Enumerable.Range(0, WarmUpRequests).Select(i => RegisterAsync(clients[i % instances], warmUp.Slug, $"warm-{i}@example.test")));
            accepted = await EmailsAsync(fakeSendGrid, accepted + WarmUpRequests) ?? throw new InvalidOperationException("The warm-up's emails were not all sent.");

            var target = await CreateEventAsync(keyed, capacity);
            // What the idle app costs (queue polling, timers), to read the counts below against.
            var idleFrom = tally.Snapshot();
            await Task.Delay(TimeSpan.FromSeconds(1));
            var before = tally.Snapshot();
            var idlePerSecond = (before - idleFrom).Total;
            var clock = Stopwatch.StartNew();
            var results = await Task.WhenAll(Enumerable.Range(0, requests).Select(i => RegisterAsync(clients[i % instances], target.Slug, $"spike-{i}@example.test", clock)));
            var wall = clock.Elapsed;
            var window = tally.Snapshot() - before;
            // One email (confirmation or waitlist place) for each registration made; an answer other than 201 made none.
            var sent = await EmailsAsync(fakeSendGrid, accepted + results.Count(r => r.Status == HttpStatusCode.Created));
            var emails = clock.Elapsed;
            var through = tally.Snapshot() - before;

            var statuses = results.GroupBy(r => r.Status).ToDictionary(g => g.Key, g => g.Count());
            var confirmed = results.Count(r => r.Outcome == "confirmed");
            var positions = results.Where(r => r.Outcome == "waitlisted").Select(r => r.Position).Order().ToArray();
            var counts = (await keyed.GetFromJsonAsync<JsonElement>($"api/manage/events/{target.Id}")).GetProperty("counts");
            var storedConfirmed = counts.GetProperty("confirmed").GetInt32();
            var storedWaitlisted = counts.GetProperty("waitlisted").GetInt32();
            var problems = new List<string>();
            if (statuses.Keys.Any(s => s != HttpStatusCode.Created))
            {
                problems.Add($"statuses {string.Join(", ", statuses.Select(s => $"{(int)s.Key}×{s.Value}"))}");
            }

            if (confirmed > capacity || storedConfirmed > capacity)
            {
                problems.Add($"OVERBOOKED: {confirmed} confirmed in responses, {storedConfirmed} stored");
            }

            if (confirmed != Math.Min(capacity, requests) || storedConfirmed != confirmed || storedWaitlisted != results.Count(r => r.Outcome == "waitlisted"))
            {
                problems.Add($"counts: {confirmed} confirmed in responses, stored {storedConfirmed} confirmed / {storedWaitlisted} waitlisted");
            }

            // Counted among the registrations made, so that a 503 (reported above) does not hide a gap or a repeat.
            var made = results.Count(r => r.Status == HttpStatusCode.Created);
            if (!positions.SequenceEqual(Enumerable.Range(1, Math.Max(0, made - confirmed))))
            {
                problems.Add($"waitlist positions are not exactly 1..{made - confirmed}");
            }

            if (sent is null)
            {
                problems.Add($"not every email was sent within {EmailDeadline.TotalSeconds:F0} s");
            }

            var name = instances == 1 ? "app, 1 instance" : $"app, {instances} instances";
            return new ScenarioResult(
                name, requests, wall, [.. results.Select(r => r.Latency.TotalMilliseconds)], window, through, sent is null ? null : emails, idlePerSecond, problems.Count == 0 ? null : string.Join("; ", problems));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }

            foreach (var host in hosts)
            {
                await host.StopAsync();
                await host.DisposeAsync();
            }
        }
    }

    private static async Task<(WebApplication Host, Uri Address)> StartAsync(string storageConnection, Uri sendGrid, string prefix)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}/");
        var builder = FunctionsRunner.CreateBuilder(
            [$"--urls={address.AbsoluteUri.TrimEnd('/')}"],
            new FunctionsRunnerOptions { FunctionAssemblies = [typeof(GoodThingsServiceCollectionExtensions).Assembly], LoadLocalSettings = false });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = storageConnection,
            // One app scaled out: the instances share the host id and the storage prefix.
            ["AzureFunctionsWebHost:hostid"] = prefix,
            ["Storage:Prefix"] = prefix,
            ["StoragePrefix"] = prefix,
            ["Site:BaseUrl"] = address.AbsoluteUri.TrimEnd('/'),
            ["Tokens:SigningKey"] = "load-spike-signing-key-that-is-long-enough-0123456789",
            [FunctionKeys.Setting] = Key,
            ["SendGrid:ApiKey"] = "SG.fake-key-for-the-load-spike",
            ["SendGrid:Host"] = sendGrid.AbsoluteUri.TrimEnd('/'),
            ["Email:From"] = "events@goodthings.test",
            ["Email:FromName"] = "How to make good things happen",
            // The app's own default, as local.settings.example.json sets it: the timers' background work is part of the cost.
            ["Timers:Schedule"] = "0 * * * * *",
            ["TimersSchedule"] = "0 * * * * *",
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddGoodThings(builder.Configuration);
        builder.Services.AddSingleton<IStartupFilter, RoundTripTally.MarkRequests>();
        var host = FunctionsRunner.Build(builder);
        await host.StartAsync();
        return (host, address);
    }

    private static async Task<(string Id, string Slug)> CreateEventAsync(HttpClient keyed, int capacity)
    {
        var starts = DateTimeOffset.UtcNow.AddDays(30);
        var created = await keyed.PostAsJsonAsync("api/manage/events", new
        {
            title = $"Spike {Guid.NewGuid():N}",
            startsAt = starts.ToString("O", CultureInfo.InvariantCulture),
            endsAt = starts.AddHours(2).ToString("O", CultureInfo.InvariantCulture),
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

    private static async Task<(HttpStatusCode Status, string? Outcome, int Position, TimeSpan Latency)> RegisterAsync(
        HttpClient client, string slug, string email, Stopwatch? sinceSpike = null)
    {
        var clock = sinceSpike ?? Stopwatch.StartNew();
        var sentAt = clock.Elapsed;
        var response = await client.PostAsJsonAsync($"api/events/{slug}/registrations", new { name = "Load Tester", email });
        // A failure may come without a JSON body; it still counts, by its status.
        var body = response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true
            ? await response.Content.ReadFromJsonAsync<JsonElement>()
            : default;
        var latency = clock.Elapsed - sentAt;
        var isObject = body.ValueKind == JsonValueKind.Object;
        var outcome = isObject && body.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String ? status.GetString() : null;
        var position = isObject && body.TryGetProperty("waitlistPosition", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : 0;
        return (response.StatusCode, outcome, position, latency);
    }

    /// <summary>Waits until the fake SendGrid API has accepted <paramref name="expected"/> emails in all; null if it never does.</summary>
    private static async Task<int?> EmailsAsync(HttpClient fakeSendGrid, int expected)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < EmailDeadline)
        {
            var accepted = await AcceptedAsync(fakeSendGrid);
            if (accepted >= expected)
            {
                return accepted;
            }

            await Task.Delay(50);
        }

        return null;
    }

    private static async Task<int> AcceptedAsync(HttpClient fakeSendGrid) =>
        int.Parse(await fakeSendGrid.GetStringAsync("accepted"), CultureInfo.InvariantCulture);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
