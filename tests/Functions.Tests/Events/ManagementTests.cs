
namespace GoodThings.Events;

public sealed class ManagementTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    [Fact]
    public async Task CreatingAnEventAnswers201WithItsLocation()
    {
        var body = EventsApi.EventBody();

        var response = await fixture.App.KeyedClient.PostAsJsonAsync("api/manage/events", body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal($"/api/manage/events/{id}", response.Headers.Location?.OriginalString);
        var fetched = await fixture.App.KeyedClient.GetFromJsonAsync<JsonElement>(response.Headers.Location!.OriginalString.TrimStart('/'));
        Assert.Equal(created.ToString(), fetched.ToString());
        Assert.Equal("draft", created.GetProperty("status").GetString());
        Assert.Equal(body["title"], created.GetProperty("title").GetString());
        Assert.Equal(0, created.GetProperty("counts").GetProperty("confirmed").GetInt32());
        Assert.Equal(50, created.GetProperty("counts").GetProperty("remaining").GetInt32());
        Assert.EndsWith("Z", created.GetProperty("startsAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSlugComesFromTheTitleAndIsNumberedWhenTaken()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var title = $"Good Things: Housing & Délivery! {marker}";

        var slugs = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            slugs.Add((await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(title: title), publish: false)).GetProperty("slug").GetString()!);
        }

        var slug = $"good-things-housing-delivery-{marker}";
        Assert.Equal(new[] { slug, $"{slug}-2", $"{slug}-3" }, slugs);
    }

    [Fact]
    public async Task AnExplicitSlugThatIsTakenIsAConflict()
    {
        var slug = $"taken-{Guid.NewGuid():N}";
        var first = EventsApi.EventBody();
        first["slug"] = slug;
        var firstId = (await EventsApi.CreateEventAsync(fixture.App, first)).GetProperty("id").GetString();
        var second = EventsApi.EventBody();
        second["slug"] = slug;

        var response = await fixture.App.KeyedClient.PostAsJsonAsync("api/manage/events", second);

        var problem = await EventsApi.AssertProblemAsync(response, 409);
        Assert.EndsWith("slug-taken", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        var events = await fixture.App.KeyedClient.GetFromJsonAsync<JsonElement>("api/manage/events");
        Assert.DoesNotContain(events.EnumerateArray(), e => e.GetProperty("title").GetString() == (string)second["title"]!);
        Assert.Equal(firstId, Assert.Single(events.EnumerateArray(), e => e.GetProperty("slug").GetString() == slug).GetProperty("id").GetString());
    }

    [Fact]
    public async Task TheListHoldsDraftsAndPublishedEventsByStart()
    {
        var now = DateTimeOffset.UtcNow;
        var late = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(startsAt: now.AddDays(90)), publish: false);
        var early = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(startsAt: now.AddDays(10)));
        var middle = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(startsAt: now.AddDays(50)), publish: false);

        var events = (await fixture.App.KeyedClient.GetFromJsonAsync<JsonElement>("api/manage/events")).EnumerateArray().ToList();

        var ids = events.Select(e => e.GetProperty("id").GetString()).ToList();
        var mine = new[] { early, middle, late }.Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Equal(mine, ids.Where(mine.Contains));
        var starts = events.Select(e => e.GetProperty("startsAt").GetDateTimeOffset()).ToList();
        Assert.Equal(starts.Order(), starts);
        Assert.Equal("draft", events.Single(e => e.GetProperty("id").GetString() == mine[2]).GetProperty("status").GetString());
        Assert.Equal("published", events.Single(e => e.GetProperty("id").GetString() == mine[0]).GetProperty("status").GetString());
    }

    [Fact]
    public async Task PublishingTwiceIsTheSameAsOnce()
    {
        var id = (await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(), publish: false)).GetProperty("id").GetString();

        var first = await fixture.App.KeyedClient.PostAsync($"api/manage/events/{id}/publish", null);
        var second = await fixture.App.KeyedClient.PostAsync($"api/manage/events/{id}/publish", null);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var once = await first.Content.ReadFromJsonAsync<JsonElement>();
        var twice = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("published", once.GetProperty("status").GetString());
        Assert.Equal(once.ToString(), twice.ToString());
    }

    [Fact]
    public async Task CheckInAndItsUndoAreIdempotentAndCounted()
    {
        var (id, slug) = await EventAsync(capacity: 1);
        var ada = (await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id))).GetProperty("registrationId").GetString();
        var route = $"api/manage/events/{id}/registrations/{ada}/check-in";

        var checkIns = new[] { await fixture.App.KeyedClient.PostAsync(route, null), await fixture.App.KeyedClient.PostAsync(route, null) };
        var afterCheckIn = await AttendedAsync(id);
        var checkedInAt = Registration(await EventsApi.RegistrationsAsync(fixture.App, id), ada!).GetProperty("checkedInAt");
        var undos = new[] { await fixture.App.KeyedClient.DeleteAsync(route), await fixture.App.KeyedClient.DeleteAsync(route) };

        Assert.All(checkIns, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(1, afterCheckIn);
        Assert.Equal(JsonValueKind.String, checkedInAt.ValueKind);
        Assert.All(undos, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(0, await AttendedAsync(id));
        Assert.Equal(JsonValueKind.Null, Registration(await EventsApi.RegistrationsAsync(fixture.App, id), ada!).GetProperty("checkedInAt").ValueKind);
    }

    [Fact]
    public async Task SomeoneCheckedInWhoThenCancelsNoLongerCountsAsAttended()
    {
        var (id, slug) = await EventAsync(capacity: 10);
        var email = EventsApi.Address("ada", id);
        var ada = (await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", email)).GetProperty("registrationId").GetString();
        (await fixture.App.KeyedClient.PostAsync($"api/manage/events/{id}/registrations/{ada}/check-in", null)).EnsureSuccessStatusCode();

        var cancelled = await fixture.App.Client.PostAsync($"api/registrations/{await EventsApi.ManageTokenAsync(fixture.SendGrid, email)}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var counts = (await EventsApi.GetManagedAsync(fixture.App, id)).GetProperty("counts");
        Assert.Equal((0, 0), (counts.GetProperty("confirmed").GetInt32(), counts.GetProperty("attended").GetInt32()));
    }

    [Fact]
    public async Task ChangingTheSlugMovesTheEventAndFreesTheOldSlug()
    {
        var (id, oldSlug) = await EventAsync(capacity: 10);
        var newSlug = $"moved-{Guid.NewGuid():N}";

        var response = await EventsApi.PatchAsync(fixture.App, id, new { slug = newSlug });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(newSlug, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("slug").GetString());
        await EventsApi.AssertProblemAsync(await fixture.App.Client.GetAsync($"api/events/{oldSlug}"), 404);
        Assert.Equal(HttpStatusCode.OK, (await fixture.App.Client.GetAsync($"api/events/{newSlug}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await EventsApi.RegisterAsync(fixture.App, newSlug, "Ada", EventsApi.Address("ada", id))).StatusCode);
        var reuse = EventsApi.EventBody();
        reuse["slug"] = oldSlug;
        Assert.Equal(HttpStatusCode.Created, (await fixture.App.KeyedClient.PostAsJsonAsync("api/manage/events", reuse)).StatusCode);
    }

    [Fact]
    public async Task ChangingTheSlugToATakenOneIsAConflictAndChangesNothing()
    {
        var (id, _) = await EventAsync(capacity: 10);
        var (_, taken) = await EventAsync(capacity: 10);
        var before = await EventsApi.GetManagedAsync(fixture.App, id);

        var response = await EventsApi.PatchAsync(fixture.App, id, new { slug = taken, title = "Renamed" });

        var problem = await EventsApi.AssertProblemAsync(response, 409);
        Assert.EndsWith("slug-taken", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(before.ToString(), (await EventsApi.GetManagedAsync(fixture.App, id)).ToString());
    }

    [Fact]
    public async Task ACancelledEventCannotBePublishedAgain()
    {
        var (id, _) = await EventAsync(capacity: 10);
        (await fixture.App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/cancel", new { reason = "Off" })).EnsureSuccessStatusCode();

        var response = await fixture.App.KeyedClient.PostAsync($"api/manage/events/{id}/publish", null);

        await EventsApi.AssertProblemAsync(response, 409);
        Assert.Equal("cancelled", (await EventsApi.GetManagedAsync(fixture.App, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AWaitlistedPersonCannotBeCheckedIn()
    {
        var (id, slug) = await EventAsync(capacity: 1);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));
        var grace = (await EventsApi.RegisteredAsync(fixture.App, slug, "Grace", EventsApi.Address("grace", id))).GetProperty("registrationId").GetString();

        var response = await fixture.App.KeyedClient.PostAsync($"api/manage/events/{id}/registrations/{grace}/check-in", null);

        await EventsApi.AssertProblemAsync(response, 409);
        Assert.Equal(0, await AttendedAsync(id));
    }

    [Fact]
    public async Task RaisingCapacityPromotesTheWaitlistInOrder()
    {
        var (id, slug) = await EventAsync(capacity: 1);
        string[] people = ["ada", "grace", "hal", "ivy"];
        foreach (var person in people)
        {
            await EventsApi.RegisteredAsync(fixture.App, slug, person, EventsApi.Address(person, id));
        }

        var response = await EventsApi.PatchAsync(fixture.App, id, new { capacity = 3 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var counts = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("counts");
        Assert.Equal((3, 1, 0), (counts.GetProperty("confirmed").GetInt32(), counts.GetProperty("waitlisted").GetInt32(), counts.GetProperty("remaining").GetInt32()));
        var promoted = await EventsApi.EmailsForEventAsync(fixture, id, 2, Registrations.RegistrationEmails.Promoted);
        Assert.Equal(new[] { EventsApi.Address("grace", id), EventsApi.Address("hal", id) }, promoted.SelectMany(p => p.Recipients).Order());
        var ivy = Registration(await EventsApi.RegistrationsAsync(fixture.App, id), email: EventsApi.Address("ivy", id));
        Assert.Equal(("waitlisted", 1), (ivy.GetProperty("status").GetString(), ivy.GetProperty("waitlistPosition").GetInt32()));
    }

    [Fact]
    public async Task MakingCapacityUnlimitedPromotesAWaitlistLongerThanOneTransaction()
    {
        var (id, slug) = await EventAsync(capacity: 1);
        for (var i = 0; i <= Registrations.Waitlist.MaxPromotionsPerTransaction + 5; i++)
        {
            await EventsApi.RegisteredAsync(fixture.App, slug, $"Person {i}", EventsApi.Address($"person{i:D2}", id));
        }

        var response = await EventsApi.PatchAsync(fixture.App, id, new { capacity = (int?)null });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The rest of the line moves up through the promotions queue, after the request has answered.
        var counts = await Eventually.GetAsync(
            async () => (await EventsApi.GetManagedAsync(fixture.App, id)).GetProperty("counts"),
            c => c.GetProperty("confirmed").GetInt32() == Registrations.Waitlist.MaxPromotionsPerTransaction + 6,
            because: "everyone waiting is promoted");
        Assert.Equal(0, counts.GetProperty("waitlisted").GetInt32());
        Assert.Equal(JsonValueKind.Null, counts.GetProperty("remaining").ValueKind);
        var promoted = await EventsApi.EmailsForEventAsync(fixture, id, Registrations.Waitlist.MaxPromotionsPerTransaction + 5, Registrations.RegistrationEmails.Promoted);
        Assert.Equal(Registrations.Waitlist.MaxPromotionsPerTransaction + 5, promoted.SelectMany(p => p.Recipients).Distinct().Count());
        Assert.Equal(Registrations.Waitlist.MaxPromotionsPerTransaction + 5, promoted.Count);
    }

    [Fact]
    public async Task MessagesReachEachAudienceExactlyOnce()
    {
        var (id, slug) = await EventAsync(capacity: 3);
        var registrations = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var person in new[] { "ada", "grace", "hal", "ivy", "jo" })
        {
            registrations[person] = (await EventsApi.RegisteredAsync(fixture.App, slug, person, EventsApi.Address(person, id))).GetProperty("registrationId").GetString()!;
        }

        // ada, grace, hal confirmed; ivy waitlisted; jo waitlisted then cancelled. ada and grace came.
        (await fixture.App.Client.PostAsync($"api/registrations/{await EventsApi.ManageTokenAsync(fixture.SendGrid, EventsApi.Address("jo", id))}/cancel", null)).EnsureSuccessStatusCode();
        foreach (var person in new[] { "ada", "grace" })
        {
            (await fixture.App.KeyedClient.PostAsync($"api/manage/events/{id}/registrations/{registrations[person]}/check-in", null)).EnsureSuccessStatusCode();
        }

        var audiences = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["all"] = ["ada", "grace", "hal", "ivy"],
            ["confirmed"] = ["ada", "grace", "hal"],
            ["waitlisted"] = ["ivy"],
            ["attended"] = ["ada", "grace"],
            ["noShows"] = ["hal"],
        };

        var answers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var audience in audiences.Keys)
        {
            var response = await fixture.App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/messages", new { subject = $"For {audience} {id}", body = $"Hello **{audience}**.", audience });
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            answers[audience] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recipients").GetInt32();
        }

        var messages = await EventsApi.EmailsForEventAsync(fixture, id, audiences.Values.Sum(a => a.Length), FanOutKind);
        await Settle.EmailsAsync(fixture.App);
        messages = [.. fixture.SendGrid.Accepted.ForEvent(id).Where(m => m.Kind() == FanOutKind)];
        foreach (var (audience, people) in audiences)
        {
            Assert.Equal(people.Length, answers[audience]);
            var received = messages.Where(m => m.Subject().Contains($"For {audience} {id}", StringComparison.Ordinal)).SelectMany(m => m.Recipients).Order();
            Assert.Equal(people.Select(p => EventsApi.Address(p, id)).Order(), received);
        }

        Assert.Equal(audiences.Values.Sum(a => a.Length), messages.Count);
    }

    private const string FanOutKind = EventFanOut.OrganiserMessage;

    private async Task<int> AttendedAsync(string id) =>
        (await EventsApi.GetManagedAsync(fixture.App, id)).GetProperty("counts").GetProperty("attended").GetInt32();

    private static JsonElement Registration(JsonElement list, string? id = null, string? email = null) =>
        list.EnumerateArray().Single(r => id is not null ? r.GetProperty("id").GetString() == id : r.GetProperty("email").GetString() == email);

    private async Task<(string Id, string Slug)> EventAsync(int? capacity)
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(capacity: capacity));
        return (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
    }
}
