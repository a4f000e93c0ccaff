namespace GoodThings.Contract;

/// <summary>Real answers from the running app match the schemas docs/openapi.yaml declares for them.</summary>
public sealed class ResponseSchemaTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    private FunctionsApp App => fixture.App;

    [Fact]
    public async Task ManagedEventsMatchTheEventSchemaThroughCreatePublishReadAndList()
    {
        var created = await App.KeyedClient.PostAsJsonAsync("api/manage/events", EventsApi.EventBody(format: "hybrid"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await ApiDocument.AssertMatchesAsync(created, HttpMethod.Post, "/api/manage/events")).GetProperty("id").GetString();

        await ApiDocument.AssertMatchesAsync(await App.KeyedClient.PostAsync($"api/manage/events/{id}/publish", null), HttpMethod.Post, "/api/manage/events/{id}/publish");
        await ApiDocument.AssertMatchesAsync(await App.KeyedClient.GetAsync($"api/manage/events/{id}"), HttpMethod.Get, "/api/manage/events/{id}");
        await ApiDocument.AssertMatchesAsync(await App.KeyedClient.GetAsync("api/manage/events"), HttpMethod.Get, "/api/manage/events");
        await ApiDocument.AssertMatchesAsync(await EventsApi.PatchAsync(App, id!, new { capacity = 80 }), HttpMethod.Patch, "/api/manage/events/{id}");
        await ApiDocument.AssertMatchesAsync(
            await App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/messages", new { subject = "Doors at six", body = "See you there." }),
            HttpMethod.Post,
            "/api/manage/events/{id}/messages");
        await ApiDocument.AssertMatchesAsync(
            await App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/cancel", new { reason = "The venue flooded." }), HttpMethod.Post, "/api/manage/events/{id}/cancel");
    }

    [Fact]
    public async Task AuditPagesMatchTheAuditSchemasPerEventAndAcrossEverything()
    {
        var e = await EventsApi.CreateEventAsync(App, EventsApi.EventBody(), publish: false);
        var id = e.GetProperty("id").GetString();
        (await EventsApi.PatchAsync(App, id!, new { capacity = 70, description = "Changed." })).EnsureSuccessStatusCode();
        (await App.KeyedClient.PostAsJsonAsync("api/manage/campaigns", new { subject = "Audit contract", body = "Text" })).EnsureSuccessStatusCode();

        var ofEvent = await ApiDocument.AssertMatchesAsync(await App.KeyedClient.GetAsync($"api/manage/events/{id}/audit"), HttpMethod.Get, "/api/manage/events/{id}/audit");
        var all = await ApiDocument.AssertMatchesAsync(await App.KeyedClient.GetAsync("api/manage/audit"), HttpMethod.Get, "/api/manage/audit");
        await ApiDocument.AssertMatchesAsync(await App.KeyedClient.GetAsync("api/manage/audit?after=x"), HttpMethod.Get, "/api/manage/audit");

        Assert.Equal(2, ofEvent.GetProperty("items").GetArrayLength());
        Assert.Contains(all.GetProperty("items").EnumerateArray(), entry => entry.GetProperty("action").GetString() == "campaign.created");
    }

    [Fact]
    public async Task PublicEventJsonMatchesThePublicEventSchema()
    {
        var online = await EventsApi.CreateEventAsync(App, EventsApi.EventBody(format: "online", capacity: null));
        var slug = online.GetProperty("slug").GetString();

        var one = await ApiDocument.AssertMatchesAsync(await App.Client.GetAsync($"api/events/{slug}"), HttpMethod.Get, "/api/events/{slug}");
        await ApiDocument.AssertMatchesAsync(await App.Client.GetAsync("api/events"), HttpMethod.Get, "/api/events");

        Assert.False(one.TryGetProperty("onlineUrl", out _), "the public event must never carry the join link");
    }

    [Fact]
    public async Task RegistrationsMatchTheirSchemasConfirmedWaitlistedExistingAndCancelled()
    {
        var e = await EventsApi.CreateEventAsync(App, EventsApi.EventBody(capacity: 1));
        var (id, slug) = (e.GetProperty("id").GetString()!, e.GetProperty("slug").GetString()!);
        var (first, second) = (EventsApi.Address("first", id), EventsApi.Address("second", id));
        const string Path = "/api/events/{slug}/registrations";

        var confirmed = await ApiDocument.AssertMatchesAsync(await EventsApi.RegisterAsync(App, slug, "Grace Hopper", first), HttpMethod.Post, Path);
        var waitlisted = await ApiDocument.AssertMatchesAsync(await EventsApi.RegisterAsync(App, slug, "Alan Turing", second), HttpMethod.Post, Path);
        var again = await EventsApi.RegisterAsync(App, slug, "Alan Turing", second);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await ApiDocument.AssertMatchesAsync(again, HttpMethod.Post, Path);
        Assert.Equal("confirmed", confirmed.GetProperty("status").GetString());
        Assert.Equal(1, waitlisted.GetProperty("waitlistPosition").GetInt32());

        var token = await EventsApi.ManageTokenAsync(fixture.SendGrid, first);
        await ApiDocument.AssertMatchesAsync(await App.Client.GetAsync($"api/registrations/{token}"), HttpMethod.Get, "/api/registrations/{token}");
        await ApiDocument.AssertMatchesAsync(
            await App.KeyedClient.PostAsync($"api/manage/events/{id}/registrations/{confirmed.GetProperty("registrationId").GetString()}/check-in", null),
            HttpMethod.Post,
            "/api/manage/events/{id}/registrations/{registrationId}/check-in");
        await ApiDocument.AssertMatchesAsync(
            await App.KeyedClient.PostAsync($"api/manage/events/{id}/registrations/{waitlisted.GetProperty("registrationId").GetString()}/check-in", null),
            HttpMethod.Post,
            "/api/manage/events/{id}/registrations/{registrationId}/check-in");
        await ApiDocument.AssertMatchesAsync(await App.Client.PostAsync($"api/registrations/{token}/cancel", null), HttpMethod.Post, "/api/registrations/{token}/cancel");
        await ApiDocument.AssertMatchesAsync(await App.KeyedClient.GetAsync($"api/manage/events/{id}/registrations"), HttpMethod.Get, "/api/manage/events/{id}/registrations");
    }

    [Fact]
    public async Task InvalidFieldsAnswerAValidationProblemWithErrors()
    {
        var noTitle = await App.KeyedClient.PostAsJsonAsync("api/manage/events", new { startsAt = "2030-01-01T10:00:00Z" });
        var problem = await ApiDocument.AssertMatchesAsync(noTitle, HttpMethod.Post, "/api/manage/events");
        Assert.True(problem.GetProperty("errors").TryGetProperty("title", out _), "the problem names the missing title");

        var e = await EventsApi.CreateEventAsync(App, EventsApi.EventBody());
        var badEmail = await EventsApi.RegisterAsync(App, e.GetProperty("slug").GetString()!, "Ada", "not-an-address");
        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        await ApiDocument.AssertMatchesAsync(badEmail, HttpMethod.Post, "/api/events/{slug}/registrations");

        var unknownField = await App.Client.PostAsJsonAsync("api/subscriptions", new { email = "ada@example.test", colour = "blue" });
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        await ApiDocument.AssertMatchesAsync(unknownField, HttpMethod.Post, "/api/subscriptions");
    }

    [Fact]
    public async Task BodiesThatAreNotJsonObjectsAnswerPlainProblems()
    {
        var malformed = await EventsApi.SendRawAsync(App.KeyedClient, HttpMethod.Post, "api/manage/events", "{\"title\": ");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        await ApiDocument.AssertMatchesAsync(malformed, HttpMethod.Post, "/api/manage/events");

        var asText = await EventsApi.SendRawAsync(App.Client, HttpMethod.Post, "api/subscriptions", "email=ada@example.test", "text/plain");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, asText.StatusCode);
        await ApiDocument.AssertMatchesAsync(asText, HttpMethod.Post, "/api/subscriptions");
    }

    [Fact]
    public async Task UnknownThingsAnswerNotFoundProblems()
    {
        await ApiDocument.AssertMatchesAsync(await App.Client.GetAsync("api/events/no-such-event"), HttpMethod.Get, "/api/events/{slug}");
        await ApiDocument.AssertMatchesAsync(await App.KeyedClient.GetAsync("api/manage/events/no-such-id"), HttpMethod.Get, "/api/manage/events/{id}");
        await ApiDocument.AssertMatchesAsync(await App.Client.GetAsync("api/registrations/not.a-token"), HttpMethod.Get, "/api/registrations/{token}");
        await ApiDocument.AssertMatchesAsync(
            await App.Client.GetAsync("api/subscriptions/preferences?token=not.a-token"), HttpMethod.Get, "/api/subscriptions/preferences");
    }

    [Fact]
    public async Task ClosedRegistrationAnswersAConflictProblem()
    {
        var e = await EventsApi.CreateEventAsync(App, EventsApi.EventBody());
        (await App.KeyedClient.PostAsJsonAsync($"api/manage/events/{e.GetProperty("id").GetString()}/cancel", new { })).EnsureSuccessStatusCode();

        var closed = await EventsApi.RegisterAsync(App, e.GetProperty("slug").GetString()!, "Ada", EventsApi.Address("late", e.GetProperty("id").GetString()!));

        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        var problem = await ApiDocument.AssertMatchesAsync(closed, HttpMethod.Post, "/api/events/{slug}/registrations");
        Assert.EndsWith("registration-closed", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvitationsMatchTheirSchemasThroughInviteTrackRemindAndRegister()
    {
        var body = EventsApi.EventBody(capacity: 10);
        body["visibility"] = "inviteOnly";
        body["invitations"] = new { reservedSeats = 2 };
        var e = await EventsApi.CreateEventAsync(App, body);
        var (id, slug) = (e.GetProperty("id").GetString()!, e.GetProperty("slug").GetString()!);
        const string Invite = "/api/manage/events/{id}/invitations";
        var (ada, grace) = (EventsApi.Address("ada", id), EventsApi.Address("grace", id));

        var json = await App.KeyedClient.PostAsJsonAsync(
            InvitationsApi.Url(id), new { invitees = new[] { new { name = "Ada", email = ada }, new { name = "Nobody", email = "not-an-address" } }, message = "Do come." });
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        await ApiDocument.AssertMatchesAsync(json, HttpMethod.Post, Invite);
        var csv = await InvitationsApi.InviteCsvAsync(App, id, InvitationsApi.Csv([("Grace", grace), ("Ada again", ada)]), "See you there.");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        await ApiDocument.AssertMatchesAsync(csv, HttpMethod.Post, Invite);
        var noEmailColumn = await InvitationsApi.InviteCsvAsync(App, id, "name\r\nAda\r\n");
        Assert.Equal(HttpStatusCode.BadRequest, noEmailColumn.StatusCode);
        Assert.EndsWith("invalid-csv", (await ApiDocument.AssertMatchesAsync(noEmailColumn, HttpMethod.Post, Invite)).GetProperty("type").GetString(), StringComparison.Ordinal);
        var noInvitees = await App.KeyedClient.PostAsJsonAsync(InvitationsApi.Url(id), new { invitees = Array.Empty<object>() });
        Assert.Equal(HttpStatusCode.BadRequest, noInvitees.StatusCode);
        await ApiDocument.AssertMatchesAsync(noInvitees, HttpMethod.Post, Invite);

        var token = (await InvitationsApi.InvitationsToAsync(fixture, [ada])).Single().InvitationToken();
        await ApiDocument.AssertMatchesAsync(await InvitationsApi.AcceptAsync(App, slug, token, "Ada", ada), HttpMethod.Post, "/api/events/{slug}/registrations");
        var uninvited = await EventsApi.RegisterAsync(App, slug, "Eve", EventsApi.Address("eve", id));
        Assert.Equal(HttpStatusCode.Forbidden, uninvited.StatusCode);
        await ApiDocument.AssertMatchesAsync(uninvited, HttpMethod.Post, "/api/events/{slug}/registrations");
        var otherAddress = await InvitationsApi.AcceptAsync(App, slug, token, "Eve", EventsApi.Address("eve", id));
        Assert.Equal(HttpStatusCode.Forbidden, otherAddress.StatusCode);
        await ApiDocument.AssertMatchesAsync(otherAddress, HttpMethod.Post, "/api/events/{slug}/registrations");

        await ApiDocument.AssertMatchesAsync(await App.KeyedClient.GetAsync(InvitationsApi.Url(id)), HttpMethod.Get, Invite);
        var reminded = await App.KeyedClient.PostAsync($"{InvitationsApi.Url(id)}/remind", null);
        Assert.Equal(HttpStatusCode.Accepted, reminded.StatusCode);
        await ApiDocument.AssertMatchesAsync(reminded, HttpMethod.Post, "/api/manage/events/{id}/invitations/remind");
        var again = await App.KeyedClient.PostAsync($"{InvitationsApi.Url(id)}/remind", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await ApiDocument.AssertMatchesAsync(again, HttpMethod.Post, "/api/manage/events/{id}/invitations/remind");

        await ApiDocument.AssertMatchesAsync(await App.KeyedClient.GetAsync($"api/manage/events/{id}"), HttpMethod.Get, "/api/manage/events/{id}");
        await ApiDocument.AssertMatchesAsync(await App.Client.GetAsync($"api/events/{slug}"), HttpMethod.Get, "/api/events/{slug}");
        await ApiDocument.AssertMatchesAsync(await App.KeyedClient.GetAsync($"api/manage/events/{id}/registrations"), HttpMethod.Get, "/api/manage/events/{id}/registrations");
    }

    [Fact]
    public async Task InvitingToADraftAndAnnouncingAnInviteOnlyEventAnswerConflictProblems()
    {
        var body = EventsApi.EventBody();
        body["visibility"] = "inviteOnly";
        var draft = (await EventsApi.CreateEventAsync(App, body, publish: false)).GetProperty("id").GetString()!;

        var invite = await InvitationsApi.InviteAsync(App, draft, [("Ada", EventsApi.Address("ada", draft))]);
        Assert.Equal(HttpStatusCode.Conflict, invite.StatusCode);
        Assert.EndsWith("event-not-published", (await ApiDocument.AssertMatchesAsync(invite, HttpMethod.Post, "/api/manage/events/{id}/invitations")).GetProperty("type").GetString(), StringComparison.Ordinal);
        var remind = await App.KeyedClient.PostAsync($"{InvitationsApi.Url(draft)}/remind", null);
        Assert.Equal(HttpStatusCode.Conflict, remind.StatusCode);
        await ApiDocument.AssertMatchesAsync(remind, HttpMethod.Post, "/api/manage/events/{id}/invitations/remind");
        var announce = await App.KeyedClient.PostAsJsonAsync($"api/manage/events/{draft}/publish", new { announce = true });
        Assert.Equal(HttpStatusCode.Conflict, announce.StatusCode);
        Assert.EndsWith("invite-only", (await ApiDocument.AssertMatchesAsync(announce, HttpMethod.Post, "/api/manage/events/{id}/publish")).GetProperty("type").GetString(), StringComparison.Ordinal);
        await ApiDocument.AssertMatchesAsync(await App.KeyedClient.GetAsync($"{InvitationsApi.Url("no-such-id")}"), HttpMethod.Get, "/api/manage/events/{id}/invitations");
    }

    [Fact]
    public async Task SubscribingAndHealthMatchTheirSchemas()
    {
        await ApiDocument.AssertMatchesAsync(
            await App.Client.PostAsJsonAsync("api/subscriptions", new { email = $"reader-{Guid.NewGuid():N}@example.test", topics = new[] { "housing" } }),
            HttpMethod.Post,
            "/api/subscriptions");
        await ApiDocument.AssertMatchesAsync(await App.Client.GetAsync("api/health"), HttpMethod.Get, "/api/health");
    }
}
