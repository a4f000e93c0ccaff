namespace GoodThings.Subscriptions;

/// <summary>Publishing with <c>announce</c> emails the subscribers who follow the event's tags, once each.</summary>
public sealed class AnnouncementTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    [Fact]
    public async Task AnnouncingEmailsEachFollowingSubscriberOnceWithOneClickUnsubscribe()
    {
        var housing = Address("housing");
        var everything = Address("everything");
        var transport = Address("transport");
        var pending = Address("pending");
        var left = Address("left");
        await SubscribedAsync(fixture, housing, "housing");
        await SubscribedAsync(fixture, everything);
        await SubscribedAsync(fixture, transport, "transport");
        (await SubscribeAsync(fixture.App, pending)).EnsureSuccessStatusCode();
        (await OneClickAsync(fixture.App, await SubscribedAsync(fixture, left))).EnsureSuccessStatusCode();
        var draft = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(), publish: false);
        var id = draft.GetProperty("id").GetString()!;

        var published = await fixture.App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/publish", new { announce = true });
        var again = await fixture.App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/publish", new { announce = true });

        Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("published", (await published.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        bool Announcement(SendGridCall c) => c.Kind() == SubscriptionEmails.Announcement && c.CustomArg("idempotency_key")!.EndsWith(id, StringComparison.Ordinal);
        await fixture.SendGrid.WaitForAcceptedAsync(2, where: c => Announcement(c) && (c.Recipients.Contains(housing) || c.Recipients.Contains(everything)));
        await Settle.EmailsAsync(fixture.App);
        var ours = new[] { housing, everything, transport, pending, left };
        var announced = fixture.SendGrid.Accepted.Where(Announcement).Where(c => c.Recipients.Any(ours.Contains)).ToList();
        Assert.Equal([everything, housing], announced.SelectMany(c => c.Recipients).Order(StringComparer.Ordinal));

        var email = announced.Single(c => c.Recipients.Contains(housing));
        Assert.Contains(draft.GetProperty("title").GetString()!, email.Text(), StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", email.Header("List-Unsubscribe-Post"));
        var listUnsubscribe = email.Header("List-Unsubscribe")!;
        Assert.Matches(@"^<https?://[^>]+/api/subscriptions/unsubscribe\?token=[^>]+>, <mailto:[^>]+>$", listUnsubscribe);
        Assert.Contains("/unsubscribe?token=", email.Html(), StringComparison.Ordinal);
        Assert.Contains("/preferences?token=", email.Html(), StringComparison.Ordinal);

        // A mail client's one-click button POSTs to the header's https link.
        var oneClick = new Uri(listUnsubscribe[1..listUnsubscribe.IndexOf('>', StringComparison.Ordinal)]);
        var response = await fixture.App.Client.PostAsync(oneClick.PathAndQuery.TrimStart('/'), new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SubscriberStatus.Unsubscribed, (await StoredAsync(fixture.App, housing))!.Subscriber.Status);
    }

    [Fact]
    public async Task PublishingWithoutAnnounceEmailsNoSubscriber()
    {
        var reader = Address("reader");
        await SubscribedAsync(fixture, reader);
        var draft = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(), publish: false);
        var id = draft.GetProperty("id").GetString()!;

        (await fixture.App.KeyedClient.PostAsync($"api/manage/events/{id}/publish", null)).EnsureSuccessStatusCode();
        (await fixture.App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/publish", new { announce = false })).EnsureSuccessStatusCode();

        await AnnouncedMarkerAsync(reader);
        Assert.DoesNotContain(fixture.SendGrid.Accepted.To(reader), c => c.Kind() == SubscriptionEmails.Announcement && c.IdempotencyKey()!.EndsWith(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACancelledEventCannotBeAnnounced()
    {
        var reader = Address("reader");
        await SubscribedAsync(fixture, reader);
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody());
        var id = created.GetProperty("id").GetString()!;
        (await fixture.App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/cancel", new { reason = "Speaker ill" })).EnsureSuccessStatusCode();

        var response = await fixture.App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/publish", new { announce = true });

        await EventsApi.AssertProblemAsync(response, 409);
        await AnnouncedMarkerAsync(reader);
        Assert.DoesNotContain(fixture.SendGrid.Accepted.To(reader), c => c.Kind() == SubscriptionEmails.Announcement && c.IdempotencyKey()!.EndsWith(id, StringComparison.Ordinal));
    }

    /// <summary>Announces a new event and waits for the reader to get it: whatever was queued before has had its chance.</summary>
    private async Task AnnouncedMarkerAsync(string reader)
    {
        var marker = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(), publish: false);
        var id = marker.GetProperty("id").GetString()!;
        (await fixture.App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/publish", new { announce = true })).EnsureSuccessStatusCode();
        var emails = await fixture.SendGrid.WaitForAcceptedAsync(1, where: c => c.Recipients.Contains(reader) && c.IdempotencyKey()!.EndsWith(id, StringComparison.Ordinal));
        Assert.NotEmpty(emails);
    }
}
