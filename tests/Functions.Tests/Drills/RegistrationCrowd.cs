using System.Collections.Concurrent;
using System.Diagnostics;
using Azure.Data.Tables;

namespace GoodThings.Drills;

/// <summary>One person's registration as the crowd saw it: the final answer, after any resends to another instance.</summary>
/// <param name="Status">The HTTP status of the answer.</param>
/// <param name="RetryAfter">The answer's Retry-After header, if any.</param>
/// <param name="Sends">How many times it was sent: more than once only when an instance gave no answer.</param>
/// <param name="SentAt">When it was first sent, on the crowd's clock.</param>
/// <param name="AnsweredAt">When the final answer came, on the crowd's clock.</param>
public sealed record CrowdAnswer(
    string Email, int Status, string? RetryAfter, string? RegistrationStatus, int? WaitlistPosition, int Sends, TimeSpan SentAt, TimeSpan AnsweredAt)
{
    public TimeSpan Took => AnsweredAt - SentAt;
}

/// <summary>
/// People registering for one event through a round-robin client over runner processes, as a load balancer spreads
/// them. A request that gets no answer (connection refused or dropped: its process died) is sent again to the next
/// instance, as a balancer or the person pressing the button again would; any answer, whatever its status, is final.
/// A request still unanswered after <see cref="ClientTimeout"/> fails the drill: the app must never hang.
/// </summary>
public sealed class RegistrationCrowd : IDisposable
{
    /// <summary>As long as people wait for an answer before giving up on it.</summary>
    public static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(30);

    private const int MaxSends = 50;

    private readonly RunnerProcess?[] _instances;
    private readonly HttpClient _http = new() { Timeout = ClientTimeout };
    private int _next = -1;
    private int _unanswered;

    public RegistrationCrowd(params RunnerProcess[] instances) => _instances = instances;

    /// <summary>The crowd's clock: <see cref="CrowdAnswer.SentAt"/> and <see cref="CrowdAnswer.AnsweredAt"/> are read from it.</summary>
    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>Every status any instance answered, resends included.</summary>
    public ConcurrentQueue<int> Statuses { get; } = new();

    /// <summary>Sends that got no answer (and were sent again).</summary>
    public int Unanswered => Volatile.Read(ref _unanswered);

    /// <summary>Puts a (re)started instance in a slot, or takes one out (null) while it is down.</summary>
    public void Replace(int slot, RunnerProcess? instance) => Volatile.Write(ref _instances[slot], instance);

    public void Dispose() => _http.Dispose();

    /// <summary>
    /// Fails if any answer was a 5xx, saying how many of each and what the instances logged about it (their warnings
    /// and errors), so that a failure in CI tells contention (a retry budget spent) from storage that stopped answering.
    /// </summary>
    public void AssertNoServerErrors()
    {
        var errors = Statuses.Where(status => status >= 500).GroupBy(status => status).ToDictionary(g => g.Key, g => g.Count());
        if (errors.Count == 0)
        {
            return;
        }

        var logged = _instances.OfType<RunnerProcess>().SelectMany(instance => instance.Output.Split('\n')
            .Where(line => line.Contains("warn:", StringComparison.Ordinal) || line.Contains("fail:", StringComparison.Ordinal))
            .Select(line => $"{instance.Name}: {(line.Length > 400 ? line[..400] : line)}"));
        Assert.Fail(
            $"{string.Join(", ", errors.Select(e => $"{e.Value}× {e.Key}"))} among {Statuses.Count} answers. The instances logged:\n" +
            string.Join('\n', logged.TakeLast(40)));
    }

    /// <summary>Registers everyone, at most <paramref name="inFlight"/> at once; <paramref name="answered"/> hears each answer's count.</summary>
    public async Task<CrowdAnswer[]> RegisterAsync(string slug, IReadOnlyList<string> emails, int inFlight, Action<int>? answered = null)
    {
        using var gate = new SemaphoreSlim(inFlight);
        var done = 0;
        return await Task.WhenAll(emails.Select(async email =>
        {
            await gate.WaitAsync();
            try
            {
                var answer = await RegisterAsync(slug, email);
                answered?.Invoke(Interlocked.Increment(ref done));
                return answer;
            }
            finally
            {
                gate.Release();
            }
        }));
    }

    public async Task<CrowdAnswer> RegisterAsync(string slug, string email)
    {
        var sentAt = Clock.Elapsed;
        for (var sends = 1; ; sends++)
        {
            var instance = await NextInstanceAsync();
            try
            {
                using var response = await _http.PostAsJsonAsync(new Uri(instance.BaseUrl, $"api/events/{slug}/registrations"), new { name = "Crowd Member", email });
                var body = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
                Statuses.Enqueue((int)response.StatusCode);
                return new CrowdAnswer(
                    email,
                    (int)response.StatusCode,
                    response.Headers.RetryAfter?.ToString(),
                    body.ValueKind == JsonValueKind.Object ? body.GetProperty("status").GetString() : null,
                    body.ValueKind == JsonValueKind.Object && body.GetProperty("waitlistPosition").ValueKind == JsonValueKind.Number ? body.GetProperty("waitlistPosition").GetInt32() : null,
                    sends,
                    sentAt,
                    Clock.Elapsed);
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException && sends < MaxSends)
            {
                // No answer (or half of one): its process is gone. Another instance gets it, after a breath.
                Interlocked.Increment(ref _unanswered);
                await Task.Delay(50);
            }
            catch (TaskCanceledException timeout)
            {
                throw new TimeoutException($"{instance} did not answer {email}'s registration within {ClientTimeout.TotalSeconds} s: the app hung.", timeout);
            }
        }
    }

    private async Task<RunnerProcess> NextInstanceAsync()
    {
        while (true)
        {
            for (var i = 0; i < _instances.Length; i++)
            {
                var slot = (int)((uint)Interlocked.Increment(ref _next) % (uint)_instances.Length);
                if (Volatile.Read(ref _instances[slot]) is { HasExited: false } instance)
                {
                    return instance;
                }
            }

            await Task.Delay(50);
        }
    }
}

/// <summary>One event's registration rows as stored, and the counts on its event row, read straight from the table.</summary>
public sealed record StoredRegistrations(int Confirmed, int Waitlisted, int Cancelled, int CountedConfirmed, int CountedWaitlisted, IReadOnlyDictionary<string, int> RowsPerEmail)
{
    public static async Task<StoredRegistrations> ReadAsync(string connectionString, string prefix, string eventId)
    {
        var table = new TableClient(connectionString, prefix + EventRows.TableName);
        var rows = await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {eventId}")).ToListAsync();
        var registrations = rows.Where(r => r.RowKey.StartsWith(EventRows.RegistrationPrefix, StringComparison.Ordinal)).ToList();
        var @event = rows.Single(r => r.RowKey == EventRows.EventKey);
        int Count(string status) => registrations.Count(r => r.GetString("Status") == status);
        return new StoredRegistrations(
            Count(nameof(RegistrationStatus.Confirmed)),
            Count(nameof(RegistrationStatus.Waitlisted)),
            Count(nameof(RegistrationStatus.Cancelled)),
            @event.GetInt32("Confirmed") ?? 0,
            @event.GetInt32("Waitlisted") ?? 0,
            registrations.Where(r => r.GetString("Status") != nameof(RegistrationStatus.Cancelled))
                .GroupBy(r => r.GetString("Email").ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count()));
    }
}
