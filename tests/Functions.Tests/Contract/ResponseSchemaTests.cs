
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
    public async Task SubscribingAndHealthMatchTheirSchemas()
    {
        await ApiDocument.AssertMatchesAsync(
            await App.Client.PostAsJsonAsync("api/subscriptions", new { email = $"reader-{Guid.NewGuid():N}@example.test", topics = new[] { "housing" } }),
            HttpMethod.Post,
            "/api/subscriptions");
        await ApiDocument.AssertMatchesAsync(await App.Client.GetAsync("api/health"), HttpMethod.Get, "/api/health");
    }
}
