using Azure.Core;
using Azure.Core.Pipeline;

namespace GoodThings.Registrations;

/// <summary>The app with every table call watched for a transaction that lost the race for an event row's ETag.</summary>
public sealed class LostRacesFixture : GoodThingsAppFixture
{
    public LostRaceCounter LostRaces { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddTablePolicy(LostRaces);
}

/// <summary>
/// Counts table transactions refused because a row changed since it was read (412 inside the batch answer): on an
/// event partition, a write that lost the race for the event row to another writer.
/// </summary>
public sealed class LostRaceCounter : HttpPipelinePolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Observe(message);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Observe(message);
    }

    private void Observe(HttpMessage message)
    {
        // The response is buffered by now (this policy runs before the SDK's body buffering returns), so reading it
        // takes nothing from the client.
        if (message.Request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && message.HasResponse &&
            message.Response.Content.ToString().Contains(" 412 ", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _count);
        }
    }
}

/// <summary>
/// A person's self-cancel during a registration spike on the same event takes its turn in the event's registration
/// lane, between two batches, instead of racing the batches for the event row: in one instance it never loses a race,
/// so it cannot be starved into a 503, and the seat goes to the first waitlisted person.
/// </summary>
public sealed class CancelDuringSpikeTests(LostRacesFixture fixture) : IClassFixture<LostRacesFixture>
{
    private const int Seats = 10;
    private const int Spike = 200;
    private const int Cancellers = 5;

    [Fact]
    public async Task SelfCancelsDuringASpikeTakeTheirTurnLoseNoRaceAndGiveTheSeatsToTheFirstWaitlisted()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(capacity: Seats));
        var (id, slug) = (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
        var seated = new List<string>();
        for (var n = 0; n < Seats; n++)
        {
            seated.Add((await EventsApi.RegisteredAsync(fixture.App, slug, "Early", EventsApi.Address($"early{n}", id))).GetProperty("registrationId").GetString()!);
        }

        var underway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answered = 0;
        var spike = Task.WhenAll(Enumerable.Range(0, Spike).Select(async n =>
        {
            var response = await EventsApi.RegisterAsync(fixture.App, slug, "Crowd", EventsApi.Address($"crowd{n}", id));
            if (Interlocked.Increment(ref answered) == Spike / 5)
            {
                underway.SetResult();
            }

            return (Status: response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>());
        }));
        await underway.Task.WaitAsync(TimeSpan.FromSeconds(60));
        var racesBefore = fixture.LostRaces.Count;
        var service = fixture.App.Services.GetRequiredService<RegistrationService>();

        var cancels = await Task.WhenAll(seated.Take(Cancellers).Select(registration => service.CancelAsync(id, registration, CancellationToken.None)));
        var registrations = await spike;

        Assert.All(cancels, result => Assert.Equal(CancelResult.Cancelled, result));
        Assert.All(registrations, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        // One instance, so every write to the event row took its turn in the lane: none raced another and lost.
        Assert.Equal(0, fixture.LostRaces.Count - racesBefore);
        var store = fixture.App.Services.GetRequiredService<EventStore>();
        var firstWaitlisted = registrations.Where(r => r.Body.GetProperty("status").GetString() == "waitlisted")
            .OrderBy(r => r.Body.GetProperty("waitlistPosition").GetInt32()).Take(Cancellers).Select(r => r.Body.GetProperty("registrationId").GetString()!);
        foreach (var promoted in firstWaitlisted)
        {
            Assert.Equal(RegistrationStatus.Confirmed, (await store.GetRegistrationAsync(id, promoted, CancellationToken.None))!.Value.Registration.Status);
        }

        var counts = (await store.GetAsync(id, CancellationToken.None))!.Event.Counts;
        Assert.Equal(Seats, counts.Confirmed);
        Assert.Equal(Spike - Cancellers, counts.Waitlisted);
    }
}
