namespace GoodThings.Subscriptions;

/// <summary>
/// A person's erasure, through their subscriber link or an organiser: upcoming places given up to the waitlist, every
/// registration anonymised, newsletters suppressed, the subscriber deleted, and no trace of them left in storage.
/// </summary>
public sealed class ErasureTests(Registrations.FakeClockAppFixture fixture) : IClassFixture<Registrations.FakeClockAppFixture>
{
    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    /// <summary>
    /// A subscriber who also registered: at a past event (reminders and follow-up sent), at an upcoming one with one
    /// seat (someone waitlisted behind them), and at another they cancelled and were then invited to.
    /// </summary>
    private sealed record Person(string Email, string Name, string Token, string PastEvent, string UpcomingEvent, string Waitlisted);

    private async Task<Person> SubscribedAttendeeAsync()
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var (email, name) = ($"erase-{unique}@subscribers.test", $"Ada Erasable{unique}");
        (await SubscribeAsync(fixture.App, email, name)).EnsureSuccessStatusCode();
        (await ConfirmAsync(fixture.App, await ConfirmTokenAsync(fixture.SendGrid, email))).EnsureSuccessStatusCode();

        var pastStart = new DateTimeOffset(Now.UtcDateTime.Date.AddDays(3).AddHours(18), TimeSpan.Zero);
        var (past, pastSlug) = await EventAsync(EventsApi.EventBody(format: "online", startsAt: pastStart));
        await EventsApi.RegisteredAsync(fixture.App, pastSlug, name, email);
        await fixture.PassAtAsync(pastStart.AddHours(-1));
        await fixture.PassAtAsync(pastStart.AddHours(5));
        Assert.Contains(fixture.SendGrid.Accepted.To(email), c => c.Kind() == RegistrationEmails.FollowUpThanks);

        var (upcoming, upcomingSlug) = await EventAsync(EventsApi.EventBody(capacity: 1, startsAt: Now.AddDays(10)));
        await EventsApi.RegisteredAsync(fixture.App, upcomingSlug, name, email);
        var waitlisted = EventsApi.Address("grace", upcoming);
        Assert.Equal("waitlisted", (await EventsApi.RegisteredAsync(fixture.App, upcomingSlug, "Grace Waiting", waitlisted)).GetProperty("status").GetString());
        var (dropped, droppedSlug) = await EventAsync(EventsApi.EventBody(startsAt: Now.AddDays(12)));
        var droppedId = (await EventsApi.RegisteredAsync(fixture.App, droppedSlug, name, email)).GetProperty("registrationId").GetString()!;
        Assert.Equal(CancelResult.Cancelled, await fixture.App.Services.GetRequiredService<RegistrationService>().CancelAsync(dropped, droppedId, CancellationToken.None));
        Assert.Equal(1, (await InvitationsApi.InvitedAsync(fixture.App, dropped, [(name, email)])).GetProperty("invited").GetInt32());
        await Settle.EmailsAsync(fixture.App);
        Assert.Contains(fixture.SendGrid.Accepted.To(email), c => c.Kind() == InvitationEmails.InvitationKind);

        return new Person(email, name, await ManageTokenAsync(fixture.App, email), past, upcoming, waitlisted);
    }

    private async Task<(string Id, string Slug)> EventAsync(Dictionary<string, object?> body)
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, body);
        return (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
    }

    private Task<HttpResponseMessage> EraseAsync(string token) =>
        fixture.App.Client.DeleteAsync($"api/subscriptions?token={Uri.EscapeDataString(token)}");

    private Task<HttpResponseMessage> OrganiserEraseAsync(string body, string contentType = "application/json") =>
        fixture.App.KeyedClient.PostAsync("api/manage/erasures", EventsApi.Raw(body, contentType));

    private Task<IReadOnlyList<RegistrationRecord>> RegistrationsAsync(string eventId) =>
        fixture.App.Services.GetRequiredService<EventStore>().ListRegistrationsAsync(eventId, CancellationToken.None);

    private Task<Suppression?> SuppressionAsync(string email) =>
        fixture.App.Services.GetRequiredService<Suppressions>().GetAsync(email, CancellationToken.None);

    /// <summary>What the app holds about an address, as the organiser's export shows it.</summary>
    private async Task<JsonElement> ExportAsync(string email) =>
        await fixture.App.KeyedClient.GetFromJsonAsync<JsonElement>($"api/manage/subscribers/export?email={Uri.EscapeDataString(email)}");

    [Fact]
    public async Task ErasingThroughTheSubscriberLinkGivesUpcomingPlacesToTheWaitlistAndEmailsThePersonNothingMore()
    {
        var person = await SubscribedAttendeeAsync();
        var emailsBefore = fixture.SendGrid.Calls.To(person.Email).Count;

        var response = await EraseAsync(person.Token);

        var summary = await Contract.ApiDocument.AssertMatchesAsync(response, HttpMethod.Delete, "/api/subscriptions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            (true, 1, 3, 1),
            (summary.GetProperty("subscriptionDeleted").GetBoolean(), summary.GetProperty("registrationsCancelled").GetInt32(), summary.GetProperty("registrationsAnonymised").GetInt32(), summary.GetProperty("invitationsDeleted").GetInt32()));
        var promotion = await fixture.SendGrid.WaitForAcceptedAsync(1, where: c => c.Kind() == RegistrationEmails.Promoted && c.Recipients.Contains(person.Waitlisted));
        Assert.Single(promotion);
        await Settle.EmailsAsync(fixture.App);
        Assert.Equal(emailsBefore, fixture.SendGrid.Calls.To(person.Email).Count);
        Assert.Null(await StoredAsync(fixture.App, person.Email));
        var past = Assert.Single(await RegistrationsAsync(person.PastEvent));
        Assert.Equal((RegistrationStatus.Confirmed, "", ""), (past.Status, past.Name, past.Email));
        Assert.NotNull(past.AnonymisedAt);
        var upcoming = await RegistrationsAsync(person.UpcomingEvent);
        Assert.Equal(
            [(RegistrationStatus.Confirmed, "Grace Waiting", false), (RegistrationStatus.Cancelled, "", true)],
            upcoming.OrderBy(r => r.Status).Select(r => (r.Status, r.Email == person.Waitlisted ? r.Name : r.Email, r.AnonymisedAt is not null)));
        var counts = (await EventsApi.GetManagedAsync(fixture.App, person.UpcomingEvent)).GetProperty("counts");
        Assert.Equal((1, 0), (counts.GetProperty("confirmed").GetInt32(), counts.GetProperty("waitlisted").GetInt32()));
        Assert.Equal(new Suppression(SuppressionScope.Newsletters, SuppressionReasons.Erased, Now), await SuppressionAsync(person.Email));
    }

    [Fact]
    public async Task AfterAnErasureNoTableOrQueueHoldsTheAddressItsHashOrTheName()
    {
        var person = await SubscribedAttendeeAsync();
        var campaign = await Campaigns.CampaignsApi.CreateAsync(fixture.App, new { subject = "Before the erasure", body = "Text" });
        (await fixture.App.KeyedClient.PostAsync($"api/manage/campaigns/{campaign}/send", null)).EnsureSuccessStatusCode();
        await Campaigns.CampaignsApi.StatusAsync(fixture.App, campaign, "sent");
        Assert.Contains(Campaigns.CampaignsApi.CopiesOf(fixture.SendGrid, campaign), copy => copy.To == person.Email);
        Assert.Contains(AddressKey.Of(person.Email), await StorageScan.AllAsync(fixture.App), StringComparison.Ordinal);

        (await EraseAsync(person.Token)).EnsureSuccessStatusCode();
        await Settle.EmailsAsync(fixture.App);

        var stored = await StorageScan.AllAsync(fixture.App);
        Assert.All(
            new[] { person.Email, AddressKey.Of(person.Email), person.Name },
            secret => Assert.DoesNotContain(secret, stored, StringComparison.OrdinalIgnoreCase));
        Assert.Contains(fixture.App.Services.GetRequiredService<Suppressions>().KeyOf(person.Email), stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterAnErasureTheExportShowsNothingHeldButTheSuppressionAndTheLinkFindsNothing()
    {
        var person = await SubscribedAttendeeAsync();
        (await EraseAsync(person.Token)).EnsureSuccessStatusCode();

        var export = await ExportAsync(person.Email);

        Assert.Equal(JsonValueKind.Null, export.GetProperty("subscription").ValueKind);
        Assert.Empty(export.GetProperty("registrations").EnumerateArray());
        var suppression = export.GetProperty("suppression");
        Assert.Equal(("newsletters", "erased"), (suppression.GetProperty("scope").GetString(), suppression.GetProperty("reason").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.App.Client.GetAsync($"api/subscriptions/export?token={Uri.EscapeDataString(person.Token)}")).StatusCode);
        await EventsApi.AssertProblemAsync(await EraseAsync(person.Token), 404);
    }

    /// <summary>Ways a subscriber link can be bad, given the subscriber's address.</summary>
    public static TheoryData<string> BadTokens => ["forged", "tampered", "expired", "a confirm link"];

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task ABadLinkErasesNothing(string kind)
    {
        var email = Address("kept");
        (await SubscribeAsync(fixture.App, email, "Kept Person")).EnsureSuccessStatusCode();
        var confirmToken = await ConfirmTokenAsync(fixture.SendGrid, email);
        (await ConfirmAsync(fixture.App, confirmToken)).EnsureSuccessStatusCode();
        var token = await ManageTokenAsync(fixture.App, email);
        var tokens = fixture.App.Services.GetRequiredService<Tokens.TokenService>();
        var bad = kind switch
        {
            "forged" => "forged",
            "tampered" => token[..^2] + (token[^2..] == "AA" ? "BB" : "AA"),
            "expired" => tokens.Create(SubscriptionService.ManagePurpose, SubscriberStore.KeyOf(email), Now.AddSeconds(-1)),
            _ => confirmToken,
        };
        var before = await ExportAsync(email);

        var response = await EraseAsync(bad);

        await EventsApi.AssertProblemAsync(response, 404);
        Assert.Equal(before.GetRawText(), (await ExportAsync(email)).GetRawText());
        Assert.Equal(SubscriberStatus.Subscribed, (await StoredAsync(fixture.App, email))?.Subscriber.Status);
    }

    [Fact]
    public async Task AnOrganiserCanEraseAnAddressThatOnlyRegistered()
    {
        var (id, slug) = await EventAsync(EventsApi.EventBody(startsAt: Now.AddDays(20)));
        var email = EventsApi.Address("alan", id);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Alan Registrant", email);
        await EventsApi.EmailsForEventAsync(fixture, id, 1);

        var response = await OrganiserEraseAsync(JsonSerializer.Serialize(new { email = $"  {email.ToUpperInvariant()} " }));

        var summary = await Contract.ApiDocument.AssertMatchesAsync(response, HttpMethod.Post, "/api/manage/erasures");
        Assert.Equal((false, 1, 1), (summary.GetProperty("subscriptionDeleted").GetBoolean(), summary.GetProperty("registrationsCancelled").GetInt32(), summary.GetProperty("registrationsAnonymised").GetInt32()));
        var registration = Assert.Single(await RegistrationsAsync(id));
        Assert.Equal((RegistrationStatus.Cancelled, "", ""), (registration.Status, registration.Email, registration.Name));
        Assert.Equal(SuppressionReasons.Erased, (await SuppressionAsync(email))?.Reason);
        await Settle.EmailsAsync(fixture.App);
        Assert.Single(fixture.SendGrid.Calls.To(email));
    }

    [Fact]
    public async Task AnOrganiserErasureOfAnAddressNothingIsHeldAboutSaysSoAndWritesNothing()
    {
        var email = Address("unknown");

        var response = await OrganiserEraseAsync(JsonSerializer.Serialize(new { email }));

        var problem = await EventsApi.AssertProblemAsync(response, 404);
        Assert.Contains("Nothing is held", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await SuppressionAsync(email));
    }

    public static TheoryData<string, string, int, string?> BadBodies => new()
    {
        { "{\"email\": \"not-an-address\"}", "application/json", 400, "email" },
        { "{}", "application/json", 400, "email" },
        { "{\"email\": \"{email}\", \"name\": \"x\"}", "application/json", 400, null },
        { "{\"email\": ", "application/json", 400, null },
        { "email={email}", "application/x-www-form-urlencoded", 415, null },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task ABadOrganiserRequestIsRefusedAndChangesNothing(string body, string contentType, int status, string? field)
    {
        var (id, slug) = await EventAsync(EventsApi.EventBody(startsAt: Now.AddDays(20)));
        var email = EventsApi.Address("kept", id);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Kept Registrant", email);

        var response = await OrganiserEraseAsync(body.Replace("{email}", email, StringComparison.Ordinal), contentType);

        await EventsApi.AssertProblemAsync(response, status, field);
        var registration = Assert.Single(await RegistrationsAsync(id));
        Assert.Equal((RegistrationStatus.Confirmed, email, null), (registration.Status, registration.Email, registration.AnonymisedAt));
        Assert.Null(await SuppressionAsync(email));
    }
}
