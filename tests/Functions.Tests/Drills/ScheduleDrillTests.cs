using MimeKit;

namespace GoodThings.Drills;

/// <summary>
/// The scheduled emails on two instances of the app: two runner processes on one storage prefix, each running the
/// timers every second. 100 confirmed registrants across 2 events get 2 reminders and a follow-up each: exactly
/// 300 scheduled emails, each address exactly its 3, also when one process is killed (SIGKILL) mid-pass and
/// restarted.
/// </summary>
public sealed class ScheduleDrillTests : IDisposable
{
    private const int PeoplePerEvent = 50;

    // Once everyone has registered, the events move to start this soon: the first reminder, a minute before the
    // start, is then due a quarter of a minute later, however long the registrations took.
    private static readonly TimeSpan Lead = TimeSpan.FromSeconds(75);

    private static readonly Dictionary<string, string?> Fast = new()
    {
        ["Timers__Schedule"] = "*/1 * * * * *",
        ["Reminders__Offsets"] = "00:01:00,00:00:30",
        ["FollowUp__Delay"] = "00:00:05",
        // A killed process's messages and claims come back within seconds, not minutes.
        ["LocalRunner__QueueMessageLease"] = "00:00:10",
        ["Email__ClaimLease"] = "00:00:05",
    };

    private static readonly string[] ScheduledKinds = [RegistrationEmails.Reminder, RegistrationEmails.FollowUpThanks, RegistrationEmails.FollowUpMissed];

    private readonly DrillSite _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task TwoProcessesSendEachOfThreeHundredScheduledEmailsExactlyOnce()
    {
        await using var a = await RunnerProcess.StartAsync(_site.Options("A", Fast));
        await using var b = await RunnerProcess.StartAsync(_site.Options("B", Fast));

        var (events, people) = await RegisterEveryoneAsync(a, b);
        await DrillSite.WithOutputOnTimeoutAsync(() => DoneAsync(a, events), a, b);

        AssertEachGotExactlyTheirThree(people);
    }

    [Fact]
    public async Task KillingOneProcessMidPassAndRestartingItStillSendsEachExactlyOnce()
    {
        await using var a = await RunnerProcess.StartAsync(_site.Options("A", Fast));
        var b = await RunnerProcess.StartAsync(_site.Options("B", Fast));
        try
        {
            var (events, people) = await RegisterEveryoneAsync(a, b);
            await DrillSite.WithOutputOnTimeoutAsync(
                () => Eventually.PollAsync(() => Scheduled().Count, count => count >= 10, TimeSpan.FromMinutes(2), because: "the first reminders under way"),
                a,
                b);
            Assert.InRange(Scheduled().Count, 10, 2 * PeoplePerEvent - 1); // still mid-wave when the process dies

            b.Kill();
            var restarted = await RunnerProcess.StartAsync(b.Options);
            await b.DisposeAsync();
            b = restarted;
            await DrillSite.WithOutputOnTimeoutAsync(() => DoneAsync(a, events), a, b);

            AssertEachGotExactlyTheirThree(people);
        }
        finally
        {
            await b.DisposeAsync();
        }
    }

    /// <summary>
    /// Two online events with 50 people registered for each through both processes, then moved to start shortly
    /// (a move plans the reminders afresh, for everyone registered before they fall due).
    /// </summary>
    private static async Task<(string[] Events, string[] People)> RegisterEveryoneAsync(RunnerProcess a, RunnerProcess b)
    {
        var events = new List<(string Id, string Slug)>();
        foreach (var n in new[] { 1, 2 })
        {
            var body = EventsApi.EventBody(title: $"Drill {n} {Guid.NewGuid():N}", capacity: 60, format: "online", startsAt: DateTimeOffset.UtcNow.AddDays(1));
            var published = await DrillSite.PublishAsync(a, body);
            events.Add((published.GetProperty("id").GetString()!, published.GetProperty("slug").GetString()!));
        }

        var registrations = events.SelectMany(e => Enumerable.Range(1, PeoplePerEvent).Select(n => (e.Slug, Email: EventsApi.Address($"p{n}", e.Id)))).ToList();
        await Parallel.ForEachAsync(
            registrations.Select((r, i) => (r.Slug, r.Email, Runner: i % 2 == 0 ? a : b)),
            new ParallelOptions { MaxDegreeOfParallelism = 4 },
            async (r, cancellationToken) =>
            {
                var response = await r.Runner.Client.PostAsJsonAsync($"api/events/{r.Slug}/registrations", new { name = r.Email, email = r.Email }, cancellationToken);
                Assert.True(response.StatusCode == HttpStatusCode.Created, $"registering {r.Email} answered {(int)response.StatusCode}");
            });

        var startsAt = DateTimeOffset.UtcNow.Add(Lead);
        foreach (var (id, _) in events)
        {
            var moved = await a.KeyedClient.PatchAsync(
                $"api/manage/events/{id}",
                EventsApi.Raw(JsonSerializer.Serialize(new { startsAt = startsAt.ToString("O"), endsAt = startsAt.AddSeconds(5).ToString("O") }), "application/merge-patch+json"));
            Assert.True(moved.IsSuccessStatusCode, $"moving the event answered {(int)moved.StatusCode}: {await moved.Content.ReadAsStringAsync()}");
        }

        return ([.. events.Select(e => e.Id)], [.. registrations.Select(r => r.Email)]);
    }

    /// <summary>Every scheduled item of both events has gone, and what it queued has been sent or given up on.</summary>
    private async Task DoneAsync(RunnerProcess runner, string[] events)
    {
        foreach (var id in events)
        {
            await Eventually.GetAsync(
                async () => (await runner.KeyedClient.GetFromJsonAsync<JsonElement>($"api/manage/events/{id}")).GetProperty("schedule").EnumerateArray()
                    .Where(i => i.GetProperty("kind").GetString() != "anonymisation")
                    .Select(i => i.GetProperty("status").GetString())
                    .ToList(),
                statuses => statuses.All(s => s == "sent"),
                TimeSpan.FromMinutes(3),
                because: $"event {id}'s reminders and follow-up sent");
        }

        await _site.SettledAsync(EventFanOut.QueueName, Scheduling.ScheduledSends.QueueName, Outbox.QueueName);
    }

    private List<MimeMessage> Scheduled() => [.. _site.Emails().Where(m => ScheduledKinds.Contains(m.Headers["X-GoodThings-kind"]))];

    private void AssertEachGotExactlyTheirThree(string[] people)
    {
        var scheduled = Scheduled();
        var byPerson = scheduled.ToLookup(m => m.To.Mailboxes.Single().Address);
        Assert.Equal(3 * people.Length, scheduled.Count);
        Assert.All(people, person =>
        {
            var theirs = byPerson[person].ToList();
            Assert.Equal(3, theirs.Count);
            Assert.Equal(3, theirs.Select(m => m.Headers["X-GoodThings-idempotency_key"]).Distinct().Count());
            Assert.Equal(2, theirs.Count(m => m.Headers["X-GoodThings-kind"] == RegistrationEmails.Reminder));
        });
    }
}
