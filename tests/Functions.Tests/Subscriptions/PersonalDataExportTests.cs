namespace GoodThings.Subscriptions;

/// <summary>A person sees everything held about their address: through their subscriber link, or through an organiser.</summary>
public sealed class PersonalDataExportTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    [Fact]
    public async Task TheSubscriberLinkShowsTheSubscriptionConsentAndEveryRegistrationCancelledOnesIncluded()
    {
        var email = Address("ada");
        var token = await SubscribedAsync(fixture, email, "housing");
        var kept = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(title: $"Kept {Guid.NewGuid():N}"));
        var dropped = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(title: $"Dropped {Guid.NewGuid():N}"));
        await fixture.App.Client.PostAsJsonAsync($"api/events/{kept.GetProperty("slug").GetString()}/registrations", new { name = "Ada L", email = email.ToUpperInvariant(), organisation = "Analytical Engines" });
        var cancelledId = (await EventsApi.RegisteredAsync(fixture.App, dropped.GetProperty("slug").GetString()!, "Ada L", email)).GetProperty("registrationId").GetString()!;
        await fixture.App.Services.GetRequiredService<Registrations.RegistrationService>().CancelAsync(dropped.GetProperty("id").GetString()!, cancelledId, CancellationToken.None);

        var response = await fixture.App.Client.GetAsync($"api/subscriptions/export?token={Uri.EscapeDataString(token)}");

        response.EnsureSuccessStatusCode();
        await Contract.ApiDocument.AssertMatchesAsync(response, HttpMethod.Get, "/api/subscriptions/export");
        var export = await response.Content.ReadFromJsonAsync<JsonElement>();
        var subscription = export.GetProperty("subscription");
        Assert.Equal(("subscribed", "housing"), (subscription.GetProperty("status").GetString(), Assert.Single(subscription.GetProperty("topics").EnumerateArray()).GetString()));
        Assert.Equal("form", subscription.GetProperty("consent").GetProperty("source").GetString());
        var registrations = export.GetProperty("registrations").EnumerateArray().ToDictionary(r => r.GetProperty("eventTitle").GetString()!);
        Assert.Equal(2, registrations.Count);
        Assert.Equal("Analytical Engines", registrations[kept.GetProperty("title").GetString()!].GetProperty("organisation").GetString());
        Assert.Equal("cancelled", registrations[dropped.GetProperty("title").GetString()!].GetProperty("status").GetString());
    }

    [Fact]
    public async Task AnOrganiserCanExportAnAddressThatOnlyRegistered()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody());
        var email = EventsApi.Address("grace", created.GetProperty("id").GetString()!);
        await EventsApi.RegisteredAsync(fixture.App, created.GetProperty("slug").GetString()!, "Grace H", email);

        var response = await fixture.App.KeyedClient.GetAsync($"api/manage/subscribers/export?email={Uri.EscapeDataString(" " + email.ToUpperInvariant())}");

        await Contract.ApiDocument.AssertMatchesAsync(response, HttpMethod.Get, "/api/manage/subscribers/export");
        var export = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, export.GetProperty("subscription").ValueKind);
        Assert.Equal("Grace H", Assert.Single(export.GetProperty("registrations").EnumerateArray()).GetProperty("name").GetString());
    }

    [Fact]
    public async Task AnOrganiserCanExportAnAddressThatWasOnlyInvitedWithTheAnswer()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody());
        var id = created.GetProperty("id").GetString()!;
        var email = EventsApi.Address("invitee", id);
        await InvitationsApi.InvitedAsync(fixture.App, id, [("Ivy Invited", email)]);
        var decline = (await InvitationsApi.InvitationsToAsync(fixture, [email])).Single().DeclinePath();
        (await fixture.App.Client.PostAsync(decline.TrimStart('/'), new FormUrlEncodedContent([new("reason", "Abroad")]))).EnsureSuccessStatusCode();

        var response = await fixture.App.KeyedClient.GetAsync($"api/manage/subscribers/export?email={Uri.EscapeDataString(email)}");

        await Contract.ApiDocument.AssertMatchesAsync(response, HttpMethod.Get, "/api/manage/subscribers/export");
        var export = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(export.GetProperty("registrations").EnumerateArray());
        var invitation = Assert.Single(export.GetProperty("invitations").EnumerateArray());
        Assert.Equal(
            (created.GetProperty("title").GetString(), "Ivy Invited", "declined", "Abroad"),
            (invitation.GetProperty("eventTitle").GetString(), invitation.GetProperty("name").GetString(), invitation.GetProperty("status").GetString(), invitation.GetProperty("declineReason").GetString()));
    }

    [Fact]
    public async Task ALinkThatIsNotASubscribersFindsNothing() =>
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.App.Client.GetAsync("api/subscriptions/export?token=forged")).StatusCode);

    [Fact]
    public async Task AnOrganiserExportNeedsAnAddress() =>
        await EventsApi.AssertProblemAsync(await fixture.App.KeyedClient.GetAsync("api/manage/subscribers/export?email=nobody"), 400, "email");

    [Fact]
    public async Task AnOrganiserExportNeedsTheFunctionKey() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await fixture.App.Client.GetAsync("api/manage/subscribers/export?email=a@example.test")).StatusCode);
}
