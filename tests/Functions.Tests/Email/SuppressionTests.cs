using static GoodThings.Email.SendGridWebhook;

namespace GoodThings.Email;

/// <summary>What SendGrid reports stops the app's own mail: all of it after a hard bounce, newsletters after an unsubscribe.</summary>
public sealed class SuppressionTests(WebhookAppFixture fixture) : IClassFixture<WebhookAppFixture>
{
    private EmailDeliveries Deliveries => fixture.App.Services.GetRequiredService<EmailDeliveries>();

    [Fact]
    public async Task AfterAHardBounceARegistrationConfirmationIsSkippedWithTheReasonAndNeverSent()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody());
        var email = EventsApi.Address("bounced", created.GetProperty("id").GetString()!);
        (await PostAsync(fixture, Event("bounce", email, type: "bounce"))).EnsureSuccessStatusCode();

        var registration = await EventsApi.RegisteredAsync(fixture.App, created.GetProperty("slug").GetString()!, "Ada L", email);

        var key = $"registration:{registration.GetProperty("registrationId").GetString()}:confirmation:1";
        await Eventually.GetAsync(() => Deliveries.StatusAsync(key), status => status == DeliveryStatus.Skipped, because: "the confirmation skipped");
        Assert.Equal("suppressed: bounce", await Deliveries.SkipReasonAsync(key));
        await Settle.EmailsAsync(fixture.App);
        Assert.Empty(fixture.SendGrid.Calls.To(email));
    }

    [Fact]
    public async Task ABlockedBounceStopsNoMail()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody());
        var email = EventsApi.Address("blocked", created.GetProperty("id").GetString()!);
        (await PostAsync(fixture, Event("bounce", email, type: "blocked"))).EnsureSuccessStatusCode();

        await EventsApi.RegisteredAsync(fixture.App, created.GetProperty("slug").GetString()!, "Ada L", email);

        Assert.NotEmpty(await fixture.SendGrid.WaitForAcceptedAsync(1, where: c => c.Recipients.Contains(email)));
    }

    [Fact]
    public async Task AfterAnUnsubscribeEventAnnouncementsSkipTheAddressButTransactionalMailStillGoes()
    {
        var (left, stays) = (Address("left"), Address("stays"));
        await SubscribedAsync(fixture, left);
        await SubscribedAsync(fixture, stays);
        (await PostAsync(fixture, Event("unsubscribe", left))).EnsureSuccessStatusCode();

        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(), publish: false);
        var id = created.GetProperty("id").GetString()!;
        (await fixture.App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/publish", new { announce = true })).EnsureSuccessStatusCode();
        await EventsApi.RegisteredAsync(fixture.App, created.GetProperty("slug").GetString()!, "Left Person", left);

        await fixture.SendGrid.WaitForAcceptedAsync(1, where: c => c.Kind() == SubscriptionEmails.Announcement && c.Recipients.Contains(stays));
        await fixture.SendGrid.WaitForAcceptedAsync(1, where: c => c.Kind() == RegistrationEmails.Confirmed && c.Recipients.Contains(left));
        await Settle.EmailsAsync(fixture.App);
        Assert.DoesNotContain(fixture.SendGrid.Calls.To(left), c => c.Kind() == SubscriptionEmails.Announcement);
    }

    [Fact]
    public async Task AnAnnouncementQueuedBeforeTheUnsubscribeEventIsSkippedAtSendTime()
    {
        var left = Address("left");
        await SubscribedAsync(fixture, left);
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody());
        var subscriber = (await StoredAsync(fixture.App, left))!.Subscriber;
        var announcement = SubscriptionEmails.EventAnnouncement(subscriber, created.GetProperty("id").GetString()!);
        (await PostAsync(fixture, Event("group_unsubscribe", left))).EnsureSuccessStatusCode();

        await fixture.App.Services.GetRequiredService<Outbox>().EnqueueAsync([announcement], CancellationToken.None);

        await Eventually.GetAsync(() => Deliveries.StatusAsync(announcement.IdempotencyKey), status => status == DeliveryStatus.Skipped, because: "the announcement skipped");
        Assert.Equal("suppressed: group_unsubscribe", await Deliveries.SkipReasonAsync(announcement.IdempotencyKey));
        Assert.DoesNotContain(fixture.SendGrid.Calls.To(left), c => c.Kind() == SubscriptionEmails.Announcement);
    }

    [Fact]
    public async Task ConfirmingANewSubscriptionLiftsANewslettersOnlySuppressionButNotABounce()
    {
        var (unsubscribed, complained) = (Address("unsubscribed"), Address("complained"));
        (await PostAsync(fixture, Event("unsubscribe", unsubscribed))).EnsureSuccessStatusCode();
        (await SubscribeAsync(fixture.App, complained)).EnsureSuccessStatusCode();
        var complainedToken = await ConfirmTokenAsync(fixture.SendGrid, complained);
        (await PostAsync(fixture, Event("spamreport", complained))).EnsureSuccessStatusCode();

        await SubscribedAsync(fixture, unsubscribed);
        (await ConfirmAsync(fixture.App, complainedToken)).EnsureSuccessStatusCode();

        Assert.Null(await SuppressionOfAsync(fixture.App, unsubscribed));
        Assert.Equal(SuppressionScope.All, (await SuppressionOfAsync(fixture.App, complained))?.Scope);
    }

    [Fact]
    public async Task TheExportShowsTheSuppression()
    {
        var email = Address("bounced");
        var token = await SubscribedAsync(fixture, email);
        (await PostAsync(fixture, Event("bounce", email, type: "bounce"))).EnsureSuccessStatusCode();

        var response = await fixture.App.Client.GetAsync($"api/subscriptions/export?token={Uri.EscapeDataString(token)}");

        var export = await Contract.ApiDocument.AssertMatchesAsync(response, HttpMethod.Get, "/api/subscriptions/export");
        var suppression = export.GetProperty("suppression");
        Assert.Equal(("all", "bounce"), (suppression.GetProperty("scope").GetString(), suppression.GetProperty("reason").GetString()));
        Assert.True(suppression.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
    }
}
