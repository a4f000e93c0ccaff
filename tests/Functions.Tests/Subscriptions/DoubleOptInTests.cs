namespace GoodThings.Subscriptions;

/// <summary>Subscribing, confirming, preferences and leaving, through the running app's API.</summary>
public sealed class DoubleOptInTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    [Fact]
    public async Task ConfirmingTheEmailedLinkSubscribesAndKeepsTheConsentProof()
    {
        var email = Address("ada");

        var response = await SubscribeAsync(fixture.App, $"  {email.ToUpperInvariant()} ", "Ada", ["Housing", "delivery"]);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var token = await ConfirmTokenAsync(fixture.SendGrid, email.ToUpperInvariant());
        Assert.Equal(SubscriberStatus.Pending, (await StoredAsync(fixture.App, email))!.Subscriber.Status);
        var confirmed = await ConfirmAsync(fixture.App, token, forwardedFor: "198.51.100.7, 203.0.113.9");
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        Assert.Equal("subscribed", (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        var stored = (await StoredAsync(fixture.App, email))!.Subscriber;
        Assert.Equal(SubscriberStatus.Subscribed, stored.Status);
        Assert.Equal(["housing", "delivery"], stored.Topics);
        Assert.Equal("Ada", stored.Name);
        Assert.NotNull(stored.Consent);
        Assert.Equal(SubscriptionSources.Form, stored.Consent.Source);
        Assert.Equal("203.0.113.9", stored.Consent.IpAddress);
        Assert.InRange(stored.Consent.At, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(1));
        var confirmation = Assert.Single(Confirmations(fixture.SendGrid, email));
        Assert.Contains("confirm", confirmation.Subject(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ConfirmingTwiceIsHarmlessAndKeepsTheFirstConsent()
    {
        var email = Address("grace");
        (await SubscribeAsync(fixture.App, email)).EnsureSuccessStatusCode();
        var token = await ConfirmTokenAsync(fixture.SendGrid, email);
        (await ConfirmAsync(fixture.App, token, "203.0.113.1")).EnsureSuccessStatusCode();
        var first = (await StoredAsync(fixture.App, email))!.Subscriber.Consent;

        var again = await ConfirmAsync(fixture.App, token, "203.0.113.2");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(first, (await StoredAsync(fixture.App, email))!.Subscriber.Consent);
    }

    [Fact]
    public async Task TheAnswerIsTheSameForNewPendingAndSubscribedAddresses()
    {
        var subscribed = Address("subscribed");
        await SubscribedAsync(fixture, subscribed);
        var pending = Address("pending");
        (await SubscribeAsync(fixture.App, pending)).EnsureSuccessStatusCode();
        await ConfirmTokenAsync(fixture.SendGrid, pending);

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var email in new[] { Address("new"), pending, subscribed })
        {
            var response = await SubscribeAsync(fixture.App, email);
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
        }

        Assert.All(answers, a => Assert.Equal(answers[0], a));
        Assert.Equal(HttpStatusCode.Accepted, answers[0].Item1);
        await SettleAsync(fixture);
        Assert.Single(Confirmations(fixture.SendGrid, subscribed));
        Assert.Single(Confirmations(fixture.SendGrid, pending));
        Assert.Equal(SubscriberStatus.Subscribed, (await StoredAsync(fixture.App, subscribed))!.Subscriber.Status);
    }

    [Fact]
    public async Task OneClickUnsubscribesAtOnceAndIsIdempotent()
    {
        var email = Address("leaver");
        var token = await SubscribedAsync(fixture, email);

        var first = await OneClickAsync(fixture.App, token);
        var second = await OneClickAsync(fixture.App, token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var stored = (await StoredAsync(fixture.App, email))!.Subscriber;
        Assert.Equal(SubscriberStatus.Unsubscribed, stored.Status);
        Assert.NotNull(stored.UnsubscribedAt);
        Assert.Equal("unsubscribed", (await PreferencesAsync(fixture.App, token)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task OneClickAlsoTakesMultipartFormData()
    {
        var email = Address("multipart");
        var token = await SubscribedAsync(fixture, email);

        var response = await fixture.App.Client.PostAsync($"api/subscriptions/unsubscribe?token={token}", new MultipartFormDataContent { { new StringContent("One-Click"), "List-Unsubscribe" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await StoredAsync(fixture.App, email))!.Subscriber.Status);
    }

    [Fact]
    public async Task AConfirmLinkFromBeforeAnUnsubscribeConfirmsNothingEvenAfterANewRequest()
    {
        var email = Address("firm");
        (await SubscribeAsync(fixture.App, email)).EnsureSuccessStatusCode();
        var oldLink = await ConfirmTokenAsync(fixture.SendGrid, email);
        (await ConfirmAsync(fixture.App, oldLink)).EnsureSuccessStatusCode();
        (await OneClickAsync(fixture.App, await ManageTokenAsync(fixture.App, email))).EnsureSuccessStatusCode();

        var afterLeaving = await ConfirmAsync(fixture.App, oldLink);
        (await SubscribeAsync(fixture.App, email)).EnsureSuccessStatusCode();
        var newLink = await ConfirmTokenAsync(fixture.SendGrid, email, count: 2);
        var afterAsking = await ConfirmAsync(fixture.App, oldLink);

        await EventsApi.AssertProblemAsync(afterLeaving, 404);
        await EventsApi.AssertProblemAsync(afterAsking, 404);
        await AssertPendingUntilConfirmedAsync(email, newLink);
    }

    [Fact]
    public async Task TopicsLeftOutAreKeptAndAnEmptyListMeansEveryTopic()
    {
        var email = Address("topical");
        var token = await SubscribedAsync(fixture, email, "housing");
        (await OneClickAsync(fixture.App, token)).EnsureSuccessStatusCode();

        (await SubscribeAsync(fixture.App, email, topics: null)).EnsureSuccessStatusCode();
        await ConfirmTokenAsync(fixture.SendGrid, email, count: 2);
        var kept = (await StoredAsync(fixture.App, email))!.Subscriber.Topics;
        (await OneClickAsync(fixture.App, token)).EnsureSuccessStatusCode();
        (await SubscribeAsync(fixture.App, email, topics: [])).EnsureSuccessStatusCode();

        Assert.Equal(["housing"], kept);
        await Eventually.GetAsync(
            async () => (await StoredAsync(fixture.App, email))!.Subscriber,
            s => s.Status == SubscriberStatus.Pending && s.Topics.Count == 0,
            because: "an empty topic list replaces the old topics");
    }

    [Fact]
    public async Task SubscribingAgainAfterLeavingNeedsANewConfirmation()
    {
        var email = Address("returner");
        var token = await SubscribedAsync(fixture, email);
        (await OneClickAsync(fixture.App, token)).EnsureSuccessStatusCode();

        (await SubscribeAsync(fixture.App, email)).EnsureSuccessStatusCode();

        var second = await ConfirmTokenAsync(fixture.SendGrid, email, count: 2);
        await AssertPendingUntilConfirmedAsync(email, second);
    }

    [Fact]
    public async Task PreferencesAreReadAndSetWithoutChangingTheSubscription()
    {
        var email = Address("chooser");
        var token = await SubscribedAsync(fixture, email, "housing");

        var before = await PreferencesAsync(fixture.App, token);
        var put = await fixture.App.Client.PutAsJsonAsync($"api/subscriptions/preferences?token={token}", new { name = "Ada L", topics = new[] { "Transport", "health" } });

        Assert.Equal(email, before.GetProperty("email").GetString());
        Assert.Equal(["housing"], before.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var after = await PreferencesAsync(fixture.App, token);
        Assert.Equal("Ada L", after.GetProperty("name").GetString());
        Assert.Equal(["transport", "health"], after.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("subscribed", after.GetProperty("status").GetString());
    }

    [Fact]
    public async Task SpoiltTokensGet404AndChangeNothing()
    {
        var email = Address("target");
        var manage = await SubscribedAsync(fixture, email, "housing");
        var confirm = fixture.App.Services.GetRequiredService<SubscriptionService>().ConfirmToken(SubscriberStore.KeyOf(email), "0");
        var tampered = manage[..^2] + (manage[^2] == 'A' ? "BB" : "AA");

        await EventsApi.AssertProblemAsync(await OneClickAsync(fixture.App, tampered), 404);
        await EventsApi.AssertProblemAsync(await OneClickAsync(fixture.App, confirm), 404);
        await EventsApi.AssertProblemAsync(await OneClickAsync(fixture.App, ""), 404);
        await EventsApi.AssertProblemAsync(await fixture.App.Client.GetAsync($"api/subscriptions/preferences?token={confirm}"), 404);
        await EventsApi.AssertProblemAsync(await fixture.App.Client.PutAsJsonAsync($"api/subscriptions/preferences?token={tampered}", new { topics = Array.Empty<string>() }), 404);
        await EventsApi.AssertProblemAsync(await ConfirmAsync(fixture.App, manage), 404);

        var stored = (await StoredAsync(fixture.App, email))!.Subscriber;
        Assert.Equal(SubscriberStatus.Subscribed, stored.Status);
        Assert.Equal(["housing"], stored.Topics);
    }

    [Fact]
    public async Task RegisteringWithSubscribeStartsTheDoubleOptInWithoutSubscribing()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody());
        var email = EventsApi.Address("keen", created.GetProperty("id").GetString()!);

        var registered = await fixture.App.Client.PostAsJsonAsync($"api/events/{created.GetProperty("slug").GetString()}/registrations", new { name = "Keen", email, subscribe = true });

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var token = await ConfirmTokenAsync(fixture.SendGrid, email);
        Assert.Equal(SubscriberStatus.Pending, (await StoredAsync(fixture.App, email))!.Subscriber.Status);
        (await ConfirmAsync(fixture.App, token, "203.0.113.20")).EnsureSuccessStatusCode();
        var stored = (await StoredAsync(fixture.App, email))!.Subscriber;
        Assert.Equal(SubscriberStatus.Subscribed, stored.Status);
        Assert.Equal(SubscriptionSources.Registration, stored.Consent!.Source);
        Assert.Equal("Keen", stored.Name);
    }

    [Fact]
    public async Task RegisteringWithoutSubscribeAsksNothing()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody());
        var id = created.GetProperty("id").GetString()!;
        var email = EventsApi.Address("quiet", id);

        await EventsApi.RegisteredAsync(fixture.App, created.GetProperty("slug").GetString()!, "Quiet", email);

        await EventsApi.EmailsForEventAsync(fixture, id, 1);
        await SettleAsync(fixture);
        Assert.Empty(Confirmations(fixture.SendGrid, email));
        Assert.Null(await StoredAsync(fixture.App, email));
    }

    /// <summary>The address stays pending until <paramref name="confirmToken"/> is followed, and is subscribed after.</summary>
    private async Task AssertPendingUntilConfirmedAsync(string email, string confirmToken)
    {
        Assert.Equal(SubscriberStatus.Pending, (await StoredAsync(fixture.App, email))!.Subscriber.Status);
        (await ConfirmAsync(fixture.App, confirmToken)).EnsureSuccessStatusCode();
        Assert.Equal(SubscriberStatus.Subscribed, (await StoredAsync(fixture.App, email))!.Subscriber.Status);
    }
}
