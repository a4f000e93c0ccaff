namespace GoodThings.Subscriptions;

/// <summary>The organisers' view of the mailing list: pages, filters, CSV, and refusals of bad queries.</summary>
public sealed class SubscriberListTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    private async Task<JsonElement> PageAsync(string query) =>
        await fixture.App.KeyedClient.GetFromJsonAsync<JsonElement>($"api/manage/subscribers?{query}");

    [Fact]
    public async Task OrganisersPageThroughSubscribersOfATopicWithoutRepeatsOrStrangers()
    {
        var topic = $"housing-{Guid.NewGuid():N}"[..20];
        var followers = new List<string>();
        for (var n = 0; n < 5; n++)
        {
            followers.Add(Address($"follower{n}"));
            await SubscribedAsync(fixture, followers[^1], topic);
        }

        var everything = Address("everything");
        await SubscribedAsync(fixture, everything); // no topics: every topic
        var other = Address("other");
        await SubscribedAsync(fixture, other, "transport");
        var pending = Address("pending");
        (await SubscribeAsync(fixture.App, pending, topics: [topic])).EnsureSuccessStatusCode();
        await ConfirmTokenAsync(fixture.SendGrid, pending);

        var seen = new List<string>();
        var pages = 0;
        string? after = null;
        do
        {
            var page = await PageAsync($"status=subscribed&topic={topic.ToUpperInvariant()}&pageSize=2" + (after is null ? "" : $"&after={after}"));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("email").GetString()!));
            after = page.GetProperty("next").GetString();
            pages++;
        }
        while (after is not null && pages < 20);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(followers.Append(everything).Order(), seen.Order());
        Assert.DoesNotContain(other, seen);
        Assert.DoesNotContain(pending, seen);
        Assert.InRange(pages, 3, 4);
        var pendingOnly = await PageAsync($"status=pending&topic={topic}");
        Assert.Contains(pending, pendingOnly.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("email").GetString()));
    }

    [Fact]
    public async Task TheCsvHoldsEveryMatchWithConsentAndFormulaSafeCells()
    {
        var topic = $"csv-{Guid.NewGuid():N}"[..16];
        var email = Address("csv");
        (await SubscribeAsync(fixture.App, email, "=HYPERLINK(\"http://evil.example\")", [topic])).EnsureSuccessStatusCode();
        (await ConfirmAsync(fixture.App, await ConfirmTokenAsync(fixture.SendGrid, email), forwardedFor: "203.0.113.7")).EnsureSuccessStatusCode();

        var response = await fixture.App.KeyedClient.GetAsync($"api/manage/subscribers?format=csv&topic={topic}&status=subscribed");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("email,name,topics,status,requestedAt,consentAt,consentSource,consentIp,unsubscribedAt", lines[0]);
        // Anyone following every topic is listed too; this subscriber is listed once.
        var row = Assert.Single(lines[1..], line => line.StartsWith(email + ",", StringComparison.Ordinal));
        Assert.StartsWith($"{email},\"'=HYPERLINK(\"\"http://evil.example\"\")\",{topic},subscribed,", row, StringComparison.Ordinal);
        Assert.EndsWith(",form,203.0.113.7,", row, StringComparison.Ordinal);
    }

    /// <summary>Queries the list cannot answer, and the parameter each problem names.</summary>
    public static TheoryData<string, string> BadQueries => new()
    {
        { "status=gone", "status" },
        { "pageSize=0", "pageSize" }, { "pageSize=1001", "pageSize" }, { "pageSize=ten", "pageSize" },
        { "after=not-a-key", "after" },
        { "topic=%3Cb%3E", "topic[0]" },
    };

    [Theory]
    [MemberData(nameof(BadQueries))]
    public async Task AQueryItCannotAnswerIsRefusedNamingTheParameter(string query, string parameter) =>
        await EventsApi.AssertProblemAsync(await fixture.App.KeyedClient.GetAsync($"api/manage/subscribers?{query}"), 400, parameter);

    [Fact]
    public async Task TheListNeedsTheFunctionKey() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.Client.GetAsync("api/manage/subscribers")).StatusCode);
}
