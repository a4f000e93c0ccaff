namespace GoodThings.Campaigns;

/// <summary>The organisers' campaign API: drafts, their limits, and which step may follow which.</summary>
public sealed class CampaignApiTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    private FunctionsApp App => fixture.App;

    [Fact]
    public async Task ADraftIsCreatedReadPatchedAndListedNewestFirst()
    {
        var topic = await CampaignsApi.TopicAsync(App);
        var first = await CampaignsApi.CreateAsync(App, new { subject = "Spring round-up", body = "# Hello\n\nWhat worked.", topics = new[] { topic } });
        var second = await CampaignsApi.CreateAsync(App, new { subject = "Summer round-up", preheader = "Three stories", body = "Body", sendAt = "2031-06-01T09:00:00+01:00" });

        var draft = await CampaignsApi.GetAsync(App, second);
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        Assert.Equal("Three stories", draft.GetProperty("preheader").GetString());
        Assert.Equal("2031-06-01T08:00:00Z", draft.GetProperty("sendAt").GetString());
        Assert.Equal(0, draft.Count("recipients"));

        var patched = await App.KeyedClient.PatchAsync($"api/manage/campaigns/{first}", EventsApi.Raw("""{"subject":"Spring round-up, revised","topics":null}""", "application/merge-patch+json"));
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        var revised = await CampaignsApi.GetAsync(App, first);
        Assert.Equal("Spring round-up, revised", revised.GetProperty("subject").GetString());
        Assert.Equal("# Hello\n\nWhat worked.", revised.GetProperty("body").GetString());
        Assert.Equal(0, revised.GetProperty("topics").GetArrayLength());

        var list = await App.KeyedClient.GetFromJsonAsync<JsonElement>("api/manage/campaigns");
        var ids = list.EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.True(ids.IndexOf(second) < ids.IndexOf(first), "newest first");
        Assert.False(list[0].TryGetProperty("body", out _), "the list leaves bodies out");
    }

    [Fact]
    public async Task ABodyOfAHundredThousandCharactersIsKeptWhole()
    {
        var body = string.Concat(Enumerable.Repeat("Ünïcödé text, 🌍 and more. ", 4000))[..100_000];

        var id = await CampaignsApi.CreateAsync(App, new { subject = "Long", body });

        Assert.Equal(body, (await CampaignsApi.GetAsync(App, id)).GetProperty("body").GetString());
    }

    public static TheoryData<string, string> BadCampaigns => new()
    {
        { """{"body":"Text"}""", "subject" },
        { """{"subject":"Line one\r\nBcc: someone@example.test","body":"Text"}""", "subject" },
        { $$"""{"subject":"{{new string('s', 201)}}","body":"Text"}""", "subject" },
        { """{"subject":"Hello"}""", "body" },
        { $$"""{"subject":"Hello","body":"{{new string('b', 100_001)}}"}""", "body" },
        { """{"subject":"Hello","body":"Hi gt-placeholder-token"}""", "body" },
        { """{"subject":"Hello","body":"Text","topics":["no-event-has-this-tag"]}""", "topics" },
        { """{"subject":"Hello","body":"Text","sendAt":"next tuesday"}""", "sendAt" },
    };

    [Theory]
    [MemberData(nameof(BadCampaigns))]
    public async Task BadCampaignsAreRefusedAndNothingIsCreated(string body, string field)
    {
        var before = await App.KeyedClient.GetStringAsync("api/manage/campaigns");

        var response = await App.KeyedClient.PostAsync("api/manage/campaigns", EventsApi.Raw(body));

        await EventsApi.AssertProblemAsync(response, 400, field);
        Assert.Equal(before, await App.KeyedClient.GetStringAsync("api/manage/campaigns"));
    }

    [Fact]
    public async Task OnlyADraftCanBePatchedAndASentOrCancelledCampaignCannotBeSentAgain()
    {
        var id = await CampaignsApi.CreateAsync(App, new { subject = "Later", body = "Text" });
        (await App.KeyedClient.PostAsJsonAsync($"api/manage/campaigns/{id}/send", new { sendAt = "2031-01-01T09:00:00Z" })).EnsureSuccessStatusCode();

        var patch = await App.KeyedClient.PatchAsync($"api/manage/campaigns/{id}", EventsApi.Raw("""{"subject":"Changed"}""", "application/merge-patch+json"));
        await EventsApi.AssertProblemAsync(patch, 409);

        var cancelled = await App.KeyedClient.PostAsync($"api/manage/campaigns/{id}/cancel", null);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("cancelled", (await cancelled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await App.KeyedClient.PostAsync($"api/manage/campaigns/{id}/cancel", null)).StatusCode);
        await EventsApi.AssertProblemAsync(await App.KeyedClient.PostAsync($"api/manage/campaigns/{id}/send", null), 409);
        Assert.Equal("Later", (await CampaignsApi.GetAsync(App, id)).GetProperty("subject").GetString());
    }

    [Fact]
    public async Task SendingLaterSchedulesTheCampaignAndSendsNothingYet()
    {
        var id = await CampaignsApi.CreateAsync(App, new { subject = "Next year", body = "Text" });

        var response = await App.KeyedClient.PostAsJsonAsync($"api/manage/campaigns/{id}/send", new { sendAt = "2031-01-01T09:00:00+00:00" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var scheduled = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("scheduled", scheduled.GetProperty("status").GetString());
        Assert.Equal("2031-01-01T09:00:00Z", scheduled.GetProperty("sendAt").GetString());
        await Settle.EmailsAsync(App);
        Assert.Empty(fixture.SendGrid.CopiesOf(id));
    }

    public static TheoryData<string, string> BadTestSends => new()
    {
        { """{"emails":[]}""", "emails" },
        { """{"emails":["not an address"]}""", "emails[0]" },
        { $$"""{"emails":[{{string.Join(',', Enumerable.Range(0, 11).Select(n => $"\"t{n}@example.test\""))}}]}""", "emails" },
    };

    [Theory]
    [MemberData(nameof(BadTestSends))]
    public async Task ATestSendNeedsOneToTenGoodAddresses(string body, string field)
    {
        var id = await CampaignsApi.CreateAsync(App, new { subject = "Hello", body = "Text" });

        await EventsApi.AssertProblemAsync(await App.KeyedClient.PostAsync($"api/manage/campaigns/{id}/test", EventsApi.Raw(body)), 400, field);
        await Settle.EmailsAsync(App);
        Assert.DoesNotContain(fixture.SendGrid.Calls, c => c.Recipients.Any(r => body.Contains(r, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ATestSendGoesToTheGivenAddressesOnlyMarkedTest()
    {
        var topic = await CampaignsApi.TopicAsync(App);
        var subscriber = (await CampaignsApi.SubscribersAsync(App, 1, topic)).Single();
        var id = await CampaignsApi.CreateAsync(App, new { subject = "Autumn notes", body = "**Bold** news", topics = new[] { topic } });
        string[] testers = [$"editor-{id}@example.test", $"chair-{id}@example.test"];

        var response = await App.KeyedClient.PostAsJsonAsync($"api/manage/campaigns/{id}/test", new { emails = testers });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var copies = await fixture.SendGrid.WaitForAcceptedAsync(2, where: c => c.Recipients.Any(testers.Contains));
        Assert.Equal(testers.Order(), copies.SelectMany(c => c.Recipients).Order());
        Assert.All(copies, c => Assert.Equal("[Test] Autumn notes", c.Subject()));
        Assert.All(copies, c => Assert.Contains("<strong>Bold</strong>", c.Html(), StringComparison.Ordinal));
        await Settle.EmailsAsync(App);
        Assert.Empty(fixture.SendGrid.Accepted.To(subscriber.Email));
        Assert.Equal("draft", (await CampaignsApi.GetAsync(App, id)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnUnknownCampaignIsNotFound()
    {
        await EventsApi.AssertProblemAsync(await App.KeyedClient.GetAsync($"api/manage/campaigns/{Guid.NewGuid():N}"), 404);
        await EventsApi.AssertProblemAsync(await App.KeyedClient.PostAsync($"api/manage/campaigns/{Guid.NewGuid():N}/send", null), 404);
        await EventsApi.AssertProblemAsync(await App.KeyedClient.PostAsync("api/manage/campaigns/not-an-id/cancel", null), 404);
    }
}
