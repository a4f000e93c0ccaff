
namespace GoodThings.Registrations;

public sealed class RegistrationBehaviourTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    [Fact]
    public async Task RegisteringAgainWithTheSameEmailReturnsTheSameRegistration()
    {
        var (id, slug) = await EventAsync();
        var email = EventsApi.Address("ada", id);
        var first = await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", email);

        var again = await EventsApi.RegisterAsync(fixture.App, slug, "Ada L.", $"  {email.ToUpperInvariant()}  ");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(first.GetProperty("registrationId").GetString(), body.GetProperty("registrationId").GetString());
        Assert.Equal("confirmed", body.GetProperty("status").GetString());
        Assert.Single((await EventsApi.RegistrationsAsync(fixture.App, id)).EnumerateArray());
        Assert.Equal(1, (await EventsApi.GetManagedAsync(fixture.App, id)).GetProperty("counts").GetProperty("confirmed").GetInt32());
        var emails = await EventsApi.EmailsForEventAsync(fixture, id, 1);
        Assert.Equal(RegistrationEmails.Confirmed, Assert.Single(emails).Kind());
    }

    [Fact]
    public async Task RegisteringAgainWhileWaitlistedReturnsThePlaceInLine()
    {
        var (id, slug) = await EventAsync(capacity: 1);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));
        var waiting = await EventsApi.RegisteredAsync(fixture.App, slug, "Grace", EventsApi.Address("grace", id));

        var again = await EventsApi.RegisterAsync(fixture.App, slug, "Grace", EventsApi.Address("GRACE", id));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(waiting.GetProperty("registrationId").GetString(), body.GetProperty("registrationId").GetString());
        Assert.Equal("waitlisted", body.GetProperty("status").GetString());
        Assert.Equal(1, body.GetProperty("waitlistPosition").GetInt32());
        Assert.Equal(2, (await EventsApi.RegistrationsAsync(fixture.App, id)).GetArrayLength());
    }

    [Fact]
    public async Task RegisteringAgainAfterCancellingMakesANewRegistration()
    {
        var (id, slug) = await EventAsync();
        var email = EventsApi.Address("ada", id);
        var first = await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", email);
        var cancelled = await fixture.App.Client.PostAsync($"api/registrations/{await EventsApi.ManageTokenAsync(fixture.SendGrid, email)}/cancel", null);
        cancelled.EnsureSuccessStatusCode();

        var again = await EventsApi.RegisterAsync(fixture.App, slug, "Ada", email);

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        var body = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(first.GetProperty("registrationId").GetString(), body.GetProperty("registrationId").GetString());
        Assert.Equal("confirmed", body.GetProperty("status").GetString());
        Assert.Equal(1, (await EventsApi.GetManagedAsync(fixture.App, id)).GetProperty("counts").GetProperty("confirmed").GetInt32());
    }

    [Fact]
    public async Task RegistrationAfterItClosesIsRefused()
    {
        var body = EventsApi.EventBody();
        body["registrationClosesAt"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O");
        var (id, slug) = await EventAsync(body);

        await AssertClosedAsync(id, slug);
    }

    [Fact]
    public async Task RegistrationForACancelledEventIsRefused()
    {
        var (id, slug) = await EventAsync();
        (await fixture.App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/cancel", new { reason = "Venue flooded" })).EnsureSuccessStatusCode();

        await AssertClosedAsync(id, slug);
    }

    [Fact]
    public async Task RegistrationForAnEventThatIsOverIsRefused()
    {
        var (id, slug) = await EventAsync(EventsApi.EventBody(startsAt: DateTimeOffset.UtcNow.AddHours(-3)));

        await AssertClosedAsync(id, slug);
    }

    [Fact]
    public async Task AnUnknownEventIsNotFound()
    {
        var slug = $"no-such-event-{Guid.NewGuid():N}";

        var get = await fixture.App.Client.GetAsync($"api/events/{slug}");
        var post = await EventsApi.RegisterAsync(fixture.App, slug, "Ada", $"ada-{slug}@example.test");

        await EventsApi.AssertProblemAsync(get, 404);
        await EventsApi.AssertProblemAsync(post, 404);
    }

    [Fact]
    public async Task ADraftEventIsNotFoundAndTakesNoRegistrations()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(), publish: false);
        var id = created.GetProperty("id").GetString()!;
        var slug = created.GetProperty("slug").GetString()!;

        var get = await fixture.App.Client.GetAsync($"api/events/{slug}");
        var post = await EventsApi.RegisterAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));

        await EventsApi.AssertProblemAsync(get, 404);
        await EventsApi.AssertProblemAsync(post, 404);
        Assert.Equal(0, (await EventsApi.RegistrationsAsync(fixture.App, id)).GetArrayLength());
        await Settle.EmailsAsync(fixture.App);
        Assert.Empty(fixture.SendGrid.Calls.ForEvent(id));
    }

    [Fact]
    public async Task ThePublicListShowsPublishedUpcomingEventsWithTheirAvailability()
    {
        var start = DateTimeOffset.UtcNow.AddDays(40);
        var open = await EventAsync(Hybrid(start.AddHours(3), capacity: 5));
        var full = await EventAsync(Hybrid(start.AddHours(2), capacity: 1));
        var unlimited = await EventAsync(Hybrid(start.AddHours(1), capacity: null));
        var closedBody = Hybrid(start, capacity: 5);
        closedBody["registrationClosesAt"] = DateTimeOffset.UtcNow.AddMinutes(-5).ToString("O");
        var closed = await EventAsync(closedBody);
        var draft = (await EventsApi.CreateEventAsync(fixture.App, Hybrid(start, 5), publish: false)).GetProperty("slug").GetString();
        var cancelled = await EventAsync(Hybrid(start, 5));
        (await fixture.App.KeyedClient.PostAsJsonAsync($"api/manage/events/{cancelled.Id}/cancel", new { reason = "Off" })).EnsureSuccessStatusCode();
        var ended = await EventAsync(Hybrid(DateTimeOffset.UtcNow.AddHours(-3), 5));
        await EventsApi.RegisteredAsync(fixture.App, open.Slug, "Ada", EventsApi.Address("ada", open.Id));
        await EventsApi.RegisteredAsync(fixture.App, full.Slug, "Ada", EventsApi.Address("ada", full.Id));

        var response = await fixture.App.Client.GetAsync("api/events");

        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("onlineUrl", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("meet.example.org", text, StringComparison.Ordinal);
        var list = JsonDocument.Parse(text).RootElement.EnumerateArray().ToList();
        var listed = list.ToDictionary(e => e.GetProperty("slug").GetString()!);
        Assert.DoesNotContain(draft!, listed.Keys);
        Assert.DoesNotContain(cancelled.Slug, listed.Keys);
        Assert.DoesNotContain(ended.Slug, listed.Keys);
        Assert.Equal(("open", (int?)4), Availability(listed[open.Slug]));
        Assert.Equal(("waitlist", (int?)0), Availability(listed[full.Slug]));
        Assert.Equal(("open", (int?)null), Availability(listed[unlimited.Slug]));
        Assert.Equal("closed", Availability(listed[closed.Slug]).Availability);
        var starts = list.Select(e => e.GetProperty("startsAt").GetDateTimeOffset()).ToList();
        Assert.Equal(starts.Order(), starts);
        Assert.All(list, e => Assert.Equal("published", e.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task ThePublicEventNeverShowsTheOnlineLink()
    {
        var (_, slug) = await EventAsync(Hybrid(DateTimeOffset.UtcNow.AddDays(20), 5));

        var text = await fixture.App.Client.GetStringAsync($"api/events/{slug}");

        Assert.Equal(slug, JsonDocument.Parse(text).RootElement.GetProperty("slug").GetString());
        Assert.DoesNotContain("onlineUrl", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("meet.example.org", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheManageViewShowsTheOnlineLinkOnlyToConfirmedAttendees()
    {
        var body = Hybrid(DateTimeOffset.UtcNow.AddDays(20), capacity: 1);
        var (id, slug) = await EventAsync(body);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));
        await EventsApi.RegisteredAsync(fixture.App, slug, "Grace", EventsApi.Address("grace", id));
        var adaToken = await EventsApi.ManageTokenAsync(fixture.SendGrid, EventsApi.Address("ada", id));
        var graceToken = await EventsApi.ManageTokenAsync(fixture.SendGrid, EventsApi.Address("grace", id));

        var ada = await fixture.App.Client.GetFromJsonAsync<JsonElement>($"api/registrations/{adaToken}");
        var grace = await fixture.App.Client.GetFromJsonAsync<JsonElement>($"api/registrations/{graceToken}");

        Assert.Equal("confirmed", ada.GetProperty("status").GetString());
        Assert.Equal((string)body["onlineUrl"]!, ada.GetProperty("onlineUrl").GetString());
        Assert.Equal("waitlisted", grace.GetProperty("status").GetString());
        Assert.Equal(1, grace.GetProperty("waitlistPosition").GetInt32());
        Assert.True(grace.GetProperty("onlineUrl").ValueKind == JsonValueKind.Null);
        Assert.Equal(slug, grace.GetProperty("event").GetProperty("slug").GetString());
    }

    [Fact]
    public async Task TheJoinLinkIsEmailedOnlyToConfirmedPeople()
    {
        var body = Hybrid(DateTimeOffset.UtcNow.AddDays(20), capacity: 1);
        var oldLink = (string)body["onlineUrl"]!;
        var newLink = $"https://meet.example.org/{Guid.NewGuid():N}";
        var (id, slug) = await EventAsync(body);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));
        await EventsApi.RegisteredAsync(fixture.App, slug, "Grace", EventsApi.Address("grace", id));
        await EventsApi.EmailsForEventAsync(fixture, id, 2);

        (await EventsApi.PatchAsync(fixture.App, id, new { onlineUrl = newLink })).EnsureSuccessStatusCode();

        var emails = await EventsApi.EmailsForEventAsync(fixture, id, 4);
        var ada = emails.To(EventsApi.Address("ada", id));
        var grace = emails.To(EventsApi.Address("grace", id));
        Assert.Equal(new[] { RegistrationEmails.Confirmed, Events.EventFanOut.Updated }, ada.Select(e => e.Kind()));
        Assert.Equal(new[] { RegistrationEmails.Waitlisted, Events.EventFanOut.Updated }, grace.Select(e => e.Kind()));
        Assert.Contains(oldLink, ada[0].Html(), StringComparison.Ordinal);
        Assert.Contains(oldLink, ada[0].Text(), StringComparison.Ordinal);
        Assert.Contains(oldLink, ada[0].CalendarFile()!.Value.Text.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains(newLink, ada[1].Text(), StringComparison.Ordinal);
        Assert.All(grace, e => Assert.DoesNotContain("meet.example.org", e.Html() + e.Text(), StringComparison.Ordinal));
        Assert.All(grace, e => Assert.Null(e.CalendarFile()));
        Assert.All(ada.Concat(grace), e => Assert.Matches("/registrations/[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+", e.Text()));
        Assert.Equal("1", Regex.Match(grace[0].Text(), "number ([0-9]+)").Groups[1].Value);
    }

    [Fact]
    public async Task TheManageViewOfAnInPersonEventHasNoOnlineLink()
    {
        var (id, slug) = await EventAsync();
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));

        var view = await fixture.App.Client.GetFromJsonAsync<JsonElement>($"api/registrations/{await EventsApi.ManageTokenAsync(fixture.SendGrid, EventsApi.Address("ada", id))}");

        Assert.Equal("confirmed", view.GetProperty("status").GetString());
        Assert.True(view.GetProperty("onlineUrl").ValueKind == JsonValueKind.Null);
        Assert.True(view.GetProperty("canCancel").GetBoolean());
    }

    [Fact]
    public async Task CancellingTwiceCancelsOnce()
    {
        var (id, slug) = await EventAsync();
        var email = EventsApi.Address("ada", id);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", email);
        var token = await EventsApi.ManageTokenAsync(fixture.SendGrid, email);

        var first = await fixture.App.Client.PostAsync($"api/registrations/{token}/cancel", null);
        var second = await fixture.App.Client.PostAsync($"api/registrations/{token}/cancel", null);

        foreach (var response in new[] { first, second })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("cancelled", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }

        var view = await fixture.App.Client.GetFromJsonAsync<JsonElement>($"api/registrations/{token}");
        Assert.Equal("cancelled", view.GetProperty("status").GetString());
        Assert.False(view.GetProperty("canCancel").GetBoolean());
        Assert.Equal(0, (await EventsApi.GetManagedAsync(fixture.App, id)).GetProperty("counts").GetProperty("confirmed").GetInt32());
        var emails = await EventsApi.EmailsForEventAsync(fixture, id, 2);
        Assert.Single(emails, e => e.Kind() == RegistrationEmails.Cancelled);
        Assert.Equal(2, emails.Count);
    }

    private async Task AssertClosedAsync(string id, string slug)
    {
        var response = await EventsApi.RegisterAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));

        var problem = await EventsApi.AssertProblemAsync(response, 409);
        Assert.EndsWith("registration-closed", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await EventsApi.RegistrationsAsync(fixture.App, id)).GetArrayLength());
        await Settle.EmailsAsync(fixture.App);
        Assert.DoesNotContain(fixture.SendGrid.Calls.ForEvent(id), e => e.Kind() is RegistrationEmails.Confirmed or RegistrationEmails.Waitlisted);
    }

    private static (string Availability, int? Remaining) Availability(JsonElement e)
    {
        var remaining = e.GetProperty("counts").GetProperty("remaining");
        return (e.GetProperty("availability").GetString()!, remaining.ValueKind == JsonValueKind.Null ? null : remaining.GetInt32());
    }

    private static Dictionary<string, object?> Hybrid(DateTimeOffset startsAt, int? capacity)
    {
        var body = EventsApi.EventBody(capacity: capacity, format: "hybrid", startsAt: startsAt);
        body["onlineUrl"] = $"https://meet.example.org/{Guid.NewGuid():N}";
        return body;
    }

    private Task<(string Id, string Slug)> EventAsync(int? capacity = 50) => EventAsync(EventsApi.EventBody(capacity: capacity));

    private async Task<(string Id, string Slug)> EventAsync(Dictionary<string, object?> body)
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, body);
        return (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
    }
}
