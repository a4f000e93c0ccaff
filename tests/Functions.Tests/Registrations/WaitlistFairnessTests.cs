namespace GoodThings.Registrations;

/// <summary>The line is fair: a capacity rise promotes everyone it can, in order, beyond one request; nobody jumps the line.</summary>
public sealed class WaitlistFairnessTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    [Fact]
    public async Task RaisingCapacityPromotesTheFirstInLineInOrderWellBeyondOneTransaction()
    {
        var (id, slug) = await EventAsync(capacity: 1);
        await EventsApi.RegisteredAsync(fixture.App, slug, "First", EventsApi.Address("first", id));
        var waiting = new List<string>();
        for (var i = 1; i <= 60; i++)
        {
            var email = EventsApi.Address($"waiting{i:D2}", id);
            Assert.Equal(i, (await EventsApi.RegisteredAsync(fixture.App, slug, $"Waiting {i}", email)).GetProperty("waitlistPosition").GetInt32());
            waiting.Add(email);
        }

        var raised = await EventsApi.PatchAsync(fixture.App, id, new { capacity = 41 });

        // The request promotes what its own transaction holds; the promotions queue carries on after it has answered.
        var answered = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("counts");
        Assert.Equal(1 + Waitlist.MaxPromotionsPerTransaction, answered.GetProperty("confirmed").GetInt32());

        var counts = await Eventually.GetAsync(
            async () => (await EventsApi.GetManagedAsync(fixture.App, id)).GetProperty("counts"),
            c => c.GetProperty("confirmed").GetInt32() == 41,
            because: "40 people promoted, more than one transaction holds");
        await Settle.EmailsAsync(fixture.App);
        Assert.Equal(20, counts.GetProperty("waitlisted").GetInt32());
        var registrations = (await EventsApi.RegistrationsAsync(fixture.App, id)).EnumerateArray().ToDictionary(r => r.GetProperty("email").GetString()!);
        Assert.All(waiting.Take(40), email => Assert.Equal("confirmed", registrations[email].GetProperty("status").GetString()));
        Assert.Equal(Enumerable.Range(1, 20), waiting.Skip(40).Select(email => registrations[email].GetProperty("waitlistPosition").GetInt32()));
        var promotions = fixture.SendGrid.Accepted.ForEvent(id).Where(c => c.Kind() == RegistrationEmails.Promoted).SelectMany(c => c.Recipients).ToList();
        Assert.Equal(waiting.Take(40).Order(StringComparer.Ordinal), promotions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ANewcomerQueuesBehindPeopleWaitingEvenWhenASeatIsFreeAndThoseWaitingAreThenPromoted()
    {
        var (id, slug) = await EventAsync(capacity: 1);
        await EventsApi.RegisteredAsync(fixture.App, slug, "First", EventsApi.Address("first", id));
        var (ada, grace) = (EventsApi.Address("ada", id), EventsApi.Address("grace", id));
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", ada);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Grace", grace);
        // Two seats free up and their promotion is lost, as if the instance raising the capacity had died.
        var store = fixture.App.Services.GetRequiredService<EventStore>();
        var loaded = (await store.GetAsync(id, CancellationToken.None))!;
        await store.CommitAsync(loaded, loaded.Event with { Capacity = 3 }, new EventWrite());

        var newcomer = await EventsApi.RegisteredAsync(fixture.App, slug, "Newcomer", EventsApi.Address("newcomer", id));

        Assert.Equal("waitlisted", newcomer.GetProperty("status").GetString());
        Assert.Equal(3, newcomer.GetProperty("waitlistPosition").GetInt32());
        var counts = await Eventually.GetAsync(
            async () => (await EventsApi.GetManagedAsync(fixture.App, id)).GetProperty("counts"),
            c => c.GetProperty("confirmed").GetInt32() == 3,
            because: "the people waiting are promoted into the free seats");
        Assert.Equal(1, counts.GetProperty("waitlisted").GetInt32());
        var registrations = (await EventsApi.RegistrationsAsync(fixture.App, id)).EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("status").GetString());
        Assert.Equal(("confirmed", "confirmed", "waitlisted"), (registrations["Ada"], registrations["Grace"], registrations["Newcomer"]));
    }

    private async Task<(string Id, string Slug)> EventAsync(int capacity)
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(capacity: capacity));
        return (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
    }
}
