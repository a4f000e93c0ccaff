using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace GoodThings.Campaigns;

/// <summary>Sending a campaign through the app and the real SendGrid SDK against the fake SendGrid API.</summary>
public sealed class CampaignSendingTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    private FunctionsApp App => fixture.App;

    [Fact]
    public async Task EveryConfirmedUnsuppressedFollowerGetsExactlyOnePersonalisedCopyInBatchesOfAThousand()
    {
        var topic = await CampaignsApi.TopicAsync(App);
        var readers = await CampaignsApi.SubscribersAsync(App, 2103, topic);
        var pending = await CampaignsApi.SubscribersAsync(App, 3, topic, SubscriberStatus.Pending);
        var otherTopic = await CampaignsApi.SubscribersAsync(App, 3, await CampaignsApi.TopicAsync(App));
        var bounced = readers[1];
        await App.Services.GetRequiredService<Suppressions>().SuppressAsync(bounced.Email, SuppressionScope.All, SuppressionReasons.Bounce, CancellationToken.None);
        var left = readers[2];
        (await OneClickAsync(App, App.Services.GetRequiredService<SubscriptionService>().ManageToken(left))).EnsureSuccessStatusCode();
        var id = await CampaignsApi.CreateAsync(App, new { subject = "What worked this spring", preheader = "Three stories", body = "Dear readers,\n\n**Bold** news.", topics = new[] { topic } });

        var response = await App.KeyedClient.PostAsync($"api/manage/campaigns/{id}/send", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var sent = await CampaignsApi.StatusAsync(App, id, "sent");
        var expected = readers.Except([bounced, left]).Select(r => r.Email).Order(StringComparer.Ordinal).ToList();
        var copies = fixture.SendGrid.CopiesOf(id);
        Assert.Equal(expected, copies.Select(c => c.To).Order(StringComparer.Ordinal));
        Assert.Equal(3, fixture.SendGrid.Accepted.Count(c => c.CustomArg(DeliveryTallies.CampaignArg) == id));
        Assert.Equal(2101, sent.Count("recipients"));
        Assert.Equal(2101, sent.Count("sent"));
        Assert.Equal(0, sent.Count("failed"));
        Assert.DoesNotContain(copies, c => pending.Concat(otherTopic).Any(s => s.Email == c.To));

        var named = copies.Single(c => c.To == readers[3].Email);
        Assert.Equal("What worked this spring", named.Subject);
        Assert.Contains("\nHi Reader 3,\n", named.Text, StringComparison.Ordinal);
        Assert.Contains("<strong>Bold</strong>", named.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("gt-placeholder", named.Html + named.Text + named.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", named.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("\nHi there,\n", copies.Single(c => c.To == readers[10].Email).Text, StringComparison.Ordinal);

        // Each copy's links act for its own reader: the one-click link in the header unsubscribes them, nobody else.
        var header = named.Headers["List-Unsubscribe"];
        var oneClick = new Uri(header[1..header.IndexOf('>', StringComparison.Ordinal)]);
        (await App.Client.PostAsync(oneClick.PathAndQuery.TrimStart('/'), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))).EnsureSuccessStatusCode();
        Assert.Equal(SubscriberStatus.Unsubscribed, (await StoredAsync(App, readers[3].Email))!.Subscriber.Status);
        Assert.Equal(SubscriberStatus.Subscribed, (await StoredAsync(App, readers[4].Email))!.Subscriber.Status);
    }

    [Fact]
    public async Task ACopyReadsExactlyAsTheNewsletterTemplateRendersItForThatPerson()
    {
        var topic = await CampaignsApi.TopicAsync(App);
        var reader = (await CampaignsApi.SubscribersAsync(App, 1, topic)).Single() with { Name = "Zoë <b>\"Ops\" & Co</b>" };
        await App.Services.GetRequiredService<SubscriberStore>().SaveAsync(reader, await StoredAsync(App, reader.Email), CancellationToken.None);
        var id = await CampaignsApi.CreateAsync(App, new { subject = "Notes & news", body = "A *short* one.\n\n<script>alert(1)</script>", topics = new[] { topic } });

        (await App.KeyedClient.PostAsync($"api/manage/campaigns/{id}/send", null)).EnsureSuccessStatusCode();

        await CampaignsApi.StatusAsync(App, id, "sent");
        var copy = fixture.SendGrid.CopiesOf(id).Single();
        var token = Regex.Match(copy.Headers["List-Unsubscribe"], @"token=([^&>]+)").Groups[1].Value;
        var site = App.Services.GetRequiredService<IOptions<Site.SiteOptions>>().Value;
        var rendered = App.Services.GetRequiredService<Templates.TemplateRenderer>().RenderEmail(new Templates.Emails.Newsletter(
            reader.Name, "Notes & news", null, "A *short* one.\n\n<script>alert(1)</script>", site.Link($"unsubscribe?token={token}"), site.Link($"preferences?token={token}")));
        Assert.Equal(rendered.Subject, copy.Subject);
        Assert.Equal(rendered.Html, copy.Html);
        Assert.Equal(rendered.Text, copy.Text);
        Assert.Equal(reader.Name, copy.ToName);
    }

    [Fact]
    public async Task ARefusedBatchCountsItsRecipientsAsFailedAndATransientFailureIsRetried()
    {
        var topic = await CampaignsApi.TopicAsync(App);
        await CampaignsApi.SubscribersAsync(App, 1500, topic);
        var id = await CampaignsApi.CreateAsync(App, new { subject = "Flaky", body = "Text", topics = new[] { topic } });
        var seen = 0;
        fixture.SendGrid.AnswerWith(body => body["custom_args"]?[DeliveryTallies.CampaignArg]?.GetValue<string>() != id
            ? SendGridAnswer.Accepted
            : Interlocked.Increment(ref seen) switch
            {
                1 => new SendGridAnswer(500),
                _ when body["personalizations"]!.AsArray().Count == 1000 => new SendGridAnswer(400),
                _ => SendGridAnswer.Accepted,
            });
        try
        {
            (await App.KeyedClient.PostAsync($"api/manage/campaigns/{id}/send", null)).EnsureSuccessStatusCode();

            var done = await CampaignsApi.StatusAsync(App, id, "sent");
            Assert.Equal(1500, done.Count("recipients"));
            Assert.Equal(500, done.Count("sent"));
            Assert.Equal(1000, done.Count("failed"));
            Assert.Equal(500, fixture.SendGrid.CopiesOf(id).Select(c => c.To).Distinct().Count());
            Assert.Equal(500, fixture.SendGrid.CopiesOf(id).Count);
        }
        finally
        {
            fixture.SendGrid.AnswerWith(_ => SendGridAnswer.Accepted);
        }
    }

    [Fact]
    public async Task ACampaignWithNobodyToSendToIsSentToNobody()
    {
        var id = await CampaignsApi.CreateAsync(App, new { subject = "Empty", body = "Text", topics = new[] { await CampaignsApi.TopicAsync(App) } });

        (await App.KeyedClient.PostAsync($"api/manage/campaigns/{id}/send", null)).EnsureSuccessStatusCode();

        var sent = await CampaignsApi.StatusAsync(App, id, "sent");
        Assert.Equal(0, sent.Count("recipients"));
        Assert.Empty(fixture.SendGrid.CopiesOf(id));
    }

    [Fact]
    public async Task AnAudienceTooLargeForOneTransactionIsWrittenInSeveral()
    {
        // Random addresses barely compress: 80 batches pack to about 4 MB, more than one transaction's 4 MiB request
        // once their binary properties are base64 on the wire.
        var store = App.Services.GetRequiredService<CampaignStore>();
        var id = Guid.NewGuid().ToString("N");
        List<IReadOnlyList<CampaignRecipient>> batches = [.. Enumerable.Range(0, 80).Select(_ => (IReadOnlyList<CampaignRecipient>)[.. Enumerable.Range(0, BulkEmail.MaxRecipients)
            .Select(_ => new CampaignRecipient(RandomNumberGenerator.GetHexString(64, lowercase: true), $"{RandomNumberGenerator.GetHexString(24, lowercase: true)}@example.test", null))])];

        await store.WriteBatchesAsync(id, batches, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.Equal(80, (await store.ListBatchesAsync(id, CancellationToken.None)).Count);
        Assert.Equal(batches[79], (await store.GetBatchAsync(id, 79, CancellationToken.None))!.Recipients!);
    }
}

/// <summary>The app on a clock the test moves, so "due" is decided by the test, not by how fast the machine is.</summary>
public sealed class CampaignClockFixture : GoodThingsAppFixture
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Time);
}

public sealed class CampaignTimerTests(CampaignClockFixture fixture) : IClassFixture<CampaignClockFixture>
{
    [Fact]
    public async Task AScheduledCampaignStartsWhenTheTimerFindsItDueAndNotBefore()
    {
        var app = fixture.App;
        var topic = await CampaignsApi.TopicAsync(app);
        var reader = (await CampaignsApi.SubscribersAsync(app, 1, topic)).Single();
        var id = await CampaignsApi.CreateAsync(app, new { subject = "Next week", body = "Text", topics = new[] { topic } });
        var sendAt = fixture.Time.GetUtcNow().AddDays(7);
        (await app.KeyedClient.PostAsJsonAsync($"api/manage/campaigns/{id}/send", new { sendAt = sendAt.ToString("O") })).EnsureSuccessStatusCode();
        var timer = app.Services.GetRequiredService<CampaignSending>();

        fixture.Time.SetUtcNow(sendAt.AddSeconds(-1));
        await timer.SweepAsync(CancellationToken.None);
        await Settle.EmailsAsync(app);
        Assert.Equal("scheduled", (await CampaignsApi.GetAsync(app, id)).GetProperty("status").GetString());
        Assert.Empty(fixture.SendGrid.CopiesOf(id));

        fixture.Time.SetUtcNow(sendAt);
        await timer.SweepAsync(CancellationToken.None);

        await CampaignsApi.StatusAsync(app, id, "sent");
        Assert.Equal([reader.Email], fixture.SendGrid.CopiesOf(id).Select(c => c.To));
    }
}

/// <summary>One queue message at a time, so a campaign's batches go one after another and a cancel can land between them.</summary>
public sealed class OneAtATimeFixture : GoodThingsAppFixture
{
    protected override void ConfigureQueues(JsonNode queues) => queues["batchSize"] = 1;
}

public sealed class CampaignCancelTests(OneAtATimeFixture fixture) : IClassFixture<OneAtATimeFixture>
{
    [Fact]
    public async Task CancellingMidSendStopsTheRemainingBatches()
    {
        var app = fixture.App;
        var topic = await CampaignsApi.TopicAsync(app);
        var readers = await CampaignsApi.SubscribersAsync(app, 3000, topic);
        var id = await CampaignsApi.CreateAsync(app, new { subject = "Stop me", body = "Text", topics = new[] { topic } });
        fixture.SendGrid.HoldFrom(fixture.SendGrid.CallsSeen + 1);

        (await app.KeyedClient.PostAsync($"api/manage/campaigns/{id}/send", null)).EnsureSuccessStatusCode();
        await Eventually.PollAsync(() => fixture.SendGrid.CallsSeen, seen => seen > 0, because: "the first batch reached SendGrid");
        var cancelled = await app.KeyedClient.PostAsync($"api/manage/campaigns/{id}/cancel", null);
        fixture.SendGrid.Release();

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        await Settle.EmailsAsync(app);
        var campaign = await CampaignsApi.GetAsync(app, id);
        Assert.Equal("cancelled", campaign.GetProperty("status").GetString());
        Assert.Equal(1000, fixture.SendGrid.CopiesOf(id).Count);
        Assert.Equal(1000, campaign.Count("sent"));
        Assert.Equal(3000, campaign.Count("recipients"));
        Assert.Equal(readers.Count, readers.Select(r => r.Email).Distinct().Count());
    }
}
