namespace GoodThings.Idempotency;

/// <summary>The management API's <c>Idempotency-Key</c>, through the whole app.</summary>
public sealed class IdempotencyKeyTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    private FunctionsApp App => fixture.App;

    [Fact]
    public async Task CreatingAnEventTwiceWithOneKeyAnswersTheSameAndCreatesOneEvent()
    {
        var body = EventsApi.EventBody();
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync("api/manage/events", body, key);
        var repeat = await PostAsync("api/manage/events", body, key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, repeat.StatusCode);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
        Assert.Equal(first.Headers.Location, repeat.Headers.Location);
        Assert.NotNull(first.Headers.Location);
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal("true", Assert.Single(repeat.Headers.GetValues("Idempotent-Replayed")));
        Assert.Equal(1, await EventsTitledAsync((string)body["title"]!));
    }

    [Fact]
    public async Task ResubmittingAMessageWithItsKeySendsItOnce()
    {
        var created = await EventsApi.CreateEventAsync(App, EventsApi.EventBody());
        var (id, slug) = (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
        await EventsApi.RegisteredAsync(App, slug, "Ada", EventsApi.Address("ada", id));
        await EventsApi.RegisteredAsync(App, slug, "Grace", EventsApi.Address("grace", id));
        var subject = $"Doors open at six {Guid.NewGuid():N}";
        var message = new { subject, body = "See you there." };
        var key = Guid.NewGuid().ToString();

        var first = await PostAsync($"api/manage/events/{id}/messages", message, key);
        var resubmitted = await PostAsync($"api/manage/events/{id}/messages", message, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, resubmitted.StatusCode);
        Assert.Equal(2, (await resubmitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recipients").GetInt32());
        await fixture.SendGrid.WaitForAcceptedAsync(2, where: c => c.Subject() == subject);
        await Settle.EmailsAsync(App);
        Assert.Equal(2, fixture.SendGrid.Accepted.Count(c => c.Subject() == subject));
    }

    [Fact]
    public async Task TheSameKeyOnADifferentRequestIsRefusedAndChangesNothing()
    {
        var key = Guid.NewGuid().ToString();
        var first = EventsApi.EventBody();
        var other = EventsApi.EventBody();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync("api/manage/events", first, key)).StatusCode);

        var reused = await PostAsync("api/manage/events", other, key);
        var otherRoute = await PostAsync("api/manage/campaigns", new { subject = "News", body = "Hello." }, key);

        var problem = await EventsApi.AssertProblemAsync(reused, 422);
        Assert.EndsWith("/idempotency-key-reused", problem.GetProperty("type").GetString());
        await EventsApi.AssertProblemAsync(otherRoute, 422);
        Assert.Equal(0, await EventsTitledAsync((string)other["title"]!));
    }

    [Fact]
    public async Task ARefusedRequestKeepsNothingSoItsKeyServesTheCorrectedOne()
    {
        var key = Guid.NewGuid().ToString();
        var body = EventsApi.EventBody();
        var invalid = new Dictionary<string, object?>(body) { ["timeZone"] = "Mars/Olympus_Mons" };

        await EventsApi.AssertProblemAsync(await PostAsync("api/manage/events", invalid, key), 400);
        var corrected = await PostAsync("api/manage/events", body, key);
        var repeat = await PostAsync("api/manage/events", body, key);

        Assert.Equal(HttpStatusCode.Created, corrected.StatusCode);
        Assert.True(repeat.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(1, await EventsTitledAsync((string)body["title"]!));
    }

    public static TheoryData<string[]> BadKeys => new()
    {
        { new[] { "" } },
        { new[] { new string('k', 256) } },
        { new[] { "tab\there" } },
        { new[] { "del\u007f" } },
    };

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task AMalformedKeyIsRefusedWith400AndCreatesNothing(string[] keys)
    {
        var body = EventsApi.EventBody();
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/manage/events") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", keys);

        var response = await App.KeyedClient.SendAsync(request);

        var problem = await EventsApi.AssertProblemAsync(response, 400);
        Assert.EndsWith("/invalid-idempotency-key", problem.GetProperty("type").GetString());
        Assert.Equal(0, await EventsTitledAsync((string)body["title"]!));
    }

    [Fact]
    public async Task ConcurrentRequestsWithOneKeyCreateOneEvent()
    {
        var body = EventsApi.EventBody();
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync("api/manage/events", body, key)));

        // Each is the first answer (given again) or "still running, try again shortly": never a second event.
        Assert.All(answers, a => Assert.Contains(a.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.StatusCode == HttpStatusCode.Conflict), a => Assert.Equal("1", a.Headers.GetValues("Retry-After").Single()));
        Assert.Single(answers.Where(a => a.StatusCode == HttpStatusCode.Created).Select(a => a.Headers.Location).Distinct());
        Assert.Equal(1, await EventsTitledAsync((string)body["title"]!));
    }

    [Fact]
    public async Task PublishingTwiceWithOneKeyGivesTheFirstAnswerAgain()
    {
        var created = await EventsApi.CreateEventAsync(App, EventsApi.EventBody(), publish: false);
        var id = created.GetProperty("id").GetString()!;
        var key = Guid.NewGuid().ToString();

        var publish = await PostAsync($"api/manage/events/{id}/publish", new { announce = false }, key);
        var again = await PostAsync($"api/manage/events/{id}/publish", new { announce = false }, key);

        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(again.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await publish.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> PostAsync(string url, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return await App.KeyedClient.SendAsync(request);
    }

    private async Task<int> EventsTitledAsync(string title) =>
        (await App.KeyedClient.GetFromJsonAsync<JsonElement>("api/manage/events"))!.EnumerateArray().Count(e => e.GetProperty("title").GetString() == title);
}
