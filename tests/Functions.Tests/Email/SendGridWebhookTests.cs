using System.Diagnostics;
using System.Security.Cryptography;
using Xunit.Abstractions;
using static GoodThings.Email.SendGridWebhook;

namespace GoodThings.Email;

/// <summary>SendGrid's signed Event Webhook: verified, applied whole or not at all, each event counted once.</summary>
public sealed class SendGridWebhookTests(WebhookAppFixture fixture, ITestOutputHelper output) : IClassFixture<WebhookAppFixture>
{
    private static string Campaign() => $"campaign-{Guid.NewGuid():N}";

    [Fact]
    public async Task ASignedBatchSuppressesBouncesAndUnsubscribesAndCountsTheCampaign()
    {
        var (bounced, left, read) = (Address("bounced"), Address("left"), Address("read"));
        var campaign = Campaign();

        var response = await PostAsync(
            fixture,
            Event("delivered", read, campaign),
            Event("open", read, campaign),
            Event("click", read, campaign),
            Event("bounce", bounced, campaign, type: "bounce"),
            Event("unsubscribe", left, campaign),
            Event("processed", read, campaign));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await Contract.ApiDocument.AssertMatchesAsync(response, HttpMethod.Post, "/api/webhooks/sendgrid");
        Assert.Equal(6, body.GetProperty("received").GetInt32());
        Assert.Equal((SuppressionScope.All, SuppressionReasons.Bounce), Of(await SuppressionOfAsync(fixture.App, bounced)));
        Assert.Equal((SuppressionScope.Newsletters, SuppressionReasons.Unsubscribe), Of(await SuppressionOfAsync(fixture.App, left)));
        Assert.Null(await SuppressionOfAsync(fixture.App, read));
        Assert.Equal(new DeliveryTally(Delivered: 1, Opened: 1, Clicked: 1, Bounced: 1, Unsubscribed: 1), await TallyAsync(fixture.App, campaign));
    }

    [Fact]
    public async Task ASpamReportSuppressesAllMailAndADropNewslettersOnly()
    {
        var (complained, dropped) = (Address("complained"), Address("dropped"));

        (await PostAsync(fixture, Event("spamreport", complained), Event("dropped", dropped), Event("group_unsubscribe", complained))).EnsureSuccessStatusCode();

        Assert.Equal((SuppressionScope.All, SuppressionReasons.SpamReport), Of(await SuppressionOfAsync(fixture.App, complained)));
        Assert.Equal((SuppressionScope.Newsletters, SuppressionReasons.Dropped), Of(await SuppressionOfAsync(fixture.App, dropped)));
    }

    [Fact]
    public async Task ABlockedBounceIsSoftAndSuppressesOrCountsNothing()
    {
        var blocked = Address("blocked");
        var campaign = Campaign();

        (await PostAsync(fixture, Event("bounce", blocked, campaign, type: "blocked"))).EnsureSuccessStatusCode();

        Assert.Null(await SuppressionOfAsync(fixture.App, blocked));
        Assert.Equal(DeliveryTally.None, await TallyAsync(fixture.App, campaign));
    }

    [Theory]
    [InlineData("no signature")]
    [InlineData("a signature that is not base64")]
    [InlineData("signed with another key")]
    [InlineData("signed over another body")]
    [InlineData("signed 11 minutes ago")]
    public async Task ABatchNotSignedBySendGridJustNowIsRefusedAndChangesNothing(string bad)
    {
        var bounced = Address("bounced");
        var campaign = Campaign();
        var payload = Batch(Event("bounce", bounced, campaign, type: "bounce"));
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var now = DateTimeOffset.UtcNow;
        var timestamp = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var response = bad switch
        {
            "no signature" => await fixture.App.Client.PostAsync("api/webhooks/sendgrid", new StringContent(payload, Encoding.UTF8, "application/json")),
            "a signature that is not base64" => await PostAsync(fixture.App, fixture.Key, payload, now, signature: "not a signature!"),
            "signed with another key" => await PostAsync(fixture.App, otherKey, payload, now),
            "signed over another body" => await PostAsync(fixture.App, fixture.Key, payload, now, signature: Sign(fixture.Key, timestamp, Batch(Event("delivered", bounced, campaign)))),
            _ => await PostAsync(fixture.App, fixture.Key, payload, now - TimeSpan.FromMinutes(11)),
        };

        await EventsApi.AssertProblemAsync(response, 401);
        await Contract.ApiDocument.AssertMatchesAsync(response, HttpMethod.Post, "/api/webhooks/sendgrid");
        Assert.Null(await SuppressionOfAsync(fixture.App, bounced));
        Assert.Equal(DeliveryTally.None, await TallyAsync(fixture.App, campaign));
    }

    public enum BadBatch
    {
        NotJson,
        NotAnArray,
        AnEventWithoutId,
        AnEventThatIsNotAnObject,
        OverFiveMiB,
    }

    [Theory]
    [InlineData(BadBatch.NotJson, 400)]
    [InlineData(BadBatch.NotAnArray, 400)]
    [InlineData(BadBatch.AnEventWithoutId, 400)]
    [InlineData(BadBatch.AnEventThatIsNotAnObject, 400)]
    [InlineData(BadBatch.OverFiveMiB, 413)]
    public async Task ABadBatchIsRefusedWholeWithA4xx(BadBatch bad, int status)
    {
        var bounced = Address("bounced");
        var campaign = Campaign();
        var good = Event("bounce", bounced, campaign, type: "bounce");
        var withoutId = Event("delivered", bounced, campaign);
        withoutId.Remove("sg_event_id");
        var payload = bad switch
        {
            BadBatch.NotJson => "[{\"sg_event_id\": \"x\", ",
            BadBatch.NotAnArray => JsonSerializer.Serialize(good),
            BadBatch.AnEventWithoutId => Batch(good, withoutId),
            BadBatch.AnEventThatIsNotAnObject => $"[{JsonSerializer.Serialize(good)}, 42]",
            _ => Batch(good, Event("open", bounced, campaign, id: new string('x', DeliveryEvents.MaxBodyBytes))),
        };

        var response = await PostAsync(fixture.App, fixture.Key, payload);

        await EventsApi.AssertProblemAsync(response, status);
        Assert.Null(await SuppressionOfAsync(fixture.App, bounced));
        Assert.Equal(DeliveryTally.None, await TallyAsync(fixture.App, campaign));
    }

    [Fact]
    public async Task AnEventDeliveredTwiceInOneBatchOrInTwoCountsOnce()
    {
        var reader = Address("reader");
        var campaign = Campaign();
        var delivered = Event("delivered", reader, campaign);
        var opened = Event("open", reader, campaign);

        (await PostAsync(fixture, delivered, delivered, opened)).EnsureSuccessStatusCode();
        (await PostAsync(fixture, opened, delivered, Event("click", reader, campaign))).EnsureSuccessStatusCode();

        Assert.Equal(new DeliveryTally(Delivered: 1, Opened: 1, Clicked: 1, Bounced: 0, Unsubscribed: 0), await TallyAsync(fixture.App, campaign));
    }

    [Fact]
    public async Task ConcurrentBatchesOfOneCampaignCountEveryEventOnce()
    {
        var campaign = Campaign();
        var events = Enumerable.Range(0, 120).Select(i => Event(i % 2 == 0 ? "delivered" : "open", Address($"reader{i}"), campaign)).ToList();
        // Eight batches at once, each overlapping its neighbour's events, as SendGrid's retries of a slow POST would.
        var batches = Enumerable.Range(0, 8).Select(b => events.Skip(b * 15).Take(30).ToArray());

        var responses = await Task.WhenAll(batches.Select(b => PostAsync(fixture, b)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(new DeliveryTally(Delivered: 60, Opened: 60, Clicked: 0, Bounced: 0, Unsubscribed: 0), await TallyAsync(fixture.App, campaign));
    }

    [Fact]
    public async Task ABatchOfAThousandEventsIsAppliedInOnePost()
    {
        var campaigns = Enumerable.Range(0, 3).Select(_ => Campaign()).ToArray();
        var events = Enumerable.Range(0, 1000).Select(i => i % 10 == 0
            ? Event("bounce", Address($"bounced{i}"), campaigns[i % 3], type: "bounce")
            : Event(i % 2 == 0 ? "delivered" : "open", Address($"reader{i}"), campaigns[i % 3])).ToList();
        var payload = Batch(events);
        // Timed apart from the app's first batch (start-up, tables created), which the figure is not about.
        (await PostAsync(fixture, Event("delivered", Address("warm-up"), Campaign()))).EnsureSuccessStatusCode();

        var clock = Stopwatch.StartNew();
        var response = await PostAsync(fixture.App, fixture.Key, payload);
        clock.Stop();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        output.WriteLine($"1000 events ({payload.Length / 1024} KiB) applied in {clock.ElapsedMilliseconds} ms");
        var tallies = await Task.WhenAll(campaigns.Select(c => TallyAsync(fixture.App, c)));
        Assert.Equal(1000, tallies.Sum(t => t.Delivered + t.Opened + t.Bounced));
        Assert.Equal(100, tallies.Sum(t => t.Bounced));
        for (var c = 0; c < 3; c++)
        {
            var expected = events.Where(e => (string)e[DeliveryTallies.CampaignArg]! == campaigns[c]).ToList();
            Assert.Equal(expected.Count(e => (string)e["event"]! == "delivered"), tallies[c].Delivered);
            Assert.Equal(expected.Count(e => (string)e["event"]! == "open"), tallies[c].Opened);
        }

        Assert.Equal(SuppressionScope.All, (await SuppressionOfAsync(fixture.App, (string)events[990]["email"]!))?.Scope);
    }

    [Fact]
    public async Task TheAppsOwnUnsubscribeLinkCountsEachTime()
    {
        var campaign = Campaign();
        var tallies = fixture.App.Services.GetRequiredService<DeliveryTallies>();

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => tallies.AddUnsubscribedAsync(campaign, CancellationToken.None)));

        Assert.Equal(5, (await TallyAsync(fixture.App, campaign)).Unsubscribed);
    }

    private static (SuppressionScope, string)? Of(Suppression? suppression) => suppression is null ? null : (suppression.Scope, suppression.Reason);
}

/// <summary>Without <c>SendGrid:WebhookPublicKey</c> nothing can be verified, so nothing is accepted.</summary>
public sealed class SendGridWebhookWithoutKeyTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    [Fact]
    public async Task WithNoKeyConfiguredEveryBatchIsRefused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var bounced = Address("bounced");

        var response = await PostAsync(fixture.App, key, Batch(Event("bounce", bounced, type: "bounce")));

        await EventsApi.AssertProblemAsync(response, 401);
        Assert.Null(await SuppressionOfAsync(fixture.App, bounced));
    }
}
