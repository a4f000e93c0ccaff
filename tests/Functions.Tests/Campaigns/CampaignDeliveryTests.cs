namespace GoodThings.Campaigns;

/// <summary>SendGrid's delivery events for a sent campaign: its counts, and who the next campaign leaves out.</summary>
public sealed class CampaignDeliveryTests(WebhookAppFixture fixture) : IClassFixture<WebhookAppFixture>
{
    [Fact]
    public async Task DeliveryEventsAndOneClickUnsubscribesCountOnceTowardsTheCampaignAndLeaveThosePeopleOutOfTheNext()
    {
        var app = fixture.App;
        var topic = await CampaignsApi.TopicAsync(app);
        var readers = (await CampaignsApi.SubscribersAsync(app, 4, topic)).Select(r => r.Email).ToArray();
        var first = await SentAsync(app, topic);
        Assert.Equal(readers.Order(), fixture.SendGrid.CopiesOf(first).Select(c => c.To).Order());

        var delivered = readers.Select(r => SendGridWebhook.Event("delivered", r, first)).ToList();
        (await SendGridWebhook.PostAsync(fixture, [
            .. delivered,
            SendGridWebhook.Event("open", readers[0], first),
            SendGridWebhook.Event("click", readers[0], first),
            SendGridWebhook.Event("bounce", readers[1], first, type: "bounce"),
            SendGridWebhook.Event("unsubscribe", readers[2], first)])).EnsureSuccessStatusCode();
        (await SendGridWebhook.PostAsync(fixture, [.. delivered])).EnsureSuccessStatusCode(); // SendGrid retries: counted once
        var header = fixture.SendGrid.CopiesOf(first).Single(c => c.To == readers[3]).Headers["List-Unsubscribe"];
        var oneClick = new Uri(header[1..header.IndexOf('>', StringComparison.Ordinal)]).PathAndQuery.TrimStart('/');
        foreach (var _ in new[] { 1, 2 }) // the app's own one-click link, pressed twice: one person left
        {
            (await app.Client.PostAsync(oneClick, new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))).EnsureSuccessStatusCode();
        }

        var counts = await CampaignsApi.GetAsync(app, first);
        Assert.Equal(
            (4, 4, 0, 4, 1, 1, 1, 2),
            (counts.Count("recipients"), counts.Count("sent"), counts.Count("failed"), counts.Count("delivered"), counts.Count("opened"), counts.Count("clicked"), counts.Count("bounced"), counts.Count("unsubscribed")));

        var second = await SentAsync(app, topic);
        Assert.Equal([readers[0]], fixture.SendGrid.CopiesOf(second).Select(c => c.To));
    }

    private static async Task<string> SentAsync(FunctionsApp app, string topic)
    {
        var id = await CampaignsApi.CreateAsync(app, new { subject = "News", body = "Text", topics = new[] { topic } });
        (await app.KeyedClient.PostAsync($"api/manage/campaigns/{id}/send", null)).EnsureSuccessStatusCode();
        await CampaignsApi.StatusAsync(app, id, "sent");
        return id;
    }
}
