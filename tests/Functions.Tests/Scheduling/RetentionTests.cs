namespace GoodThings.Scheduling;

/// <summary>Retention: once the limit after an event has passed, no table or queue holds anything that identifies its registrants or invitees.</summary>
public sealed class RetentionTests(Registrations.FakeClockAppFixture fixture) : IClassFixture<Registrations.FakeClockAppFixture>
{
    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    private async Task<string> RegisterAsync(string slug, string name, string email, string organisation, string needs)
    {
        var response = await fixture.App.Client.PostAsJsonAsync($"api/events/{slug}/registrations", new { name, email, organisation, accessibilityNeeds = needs });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("registrationId").GetString()!;
    }

    [Fact]
    public async Task AfterTheLimitNoTableOrQueueHoldsARegistrantsOrInviteesNameAddressOrItsHash()
    {
        var startsAt = new DateTimeOffset(Now.UtcDateTime.Date.AddDays(3).AddHours(18), TimeSpan.Zero);
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(format: "online", startsAt: startsAt, capacity: 1));
        var (id, slug) = (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
        var unique = Guid.NewGuid().ToString("N")[..10];
        var people = new[] { "ada", "cy", "dee" }.Select(who => (
            Name: $"{who} Retention{unique}",
            Email: EventsApi.Address($"{who}{unique}", id),
            Organisation: $"Org{who}{unique}",
            Needs: $"Needs{who}{unique}")).ToArray();
        var ids = new List<string>();
        foreach (var person in people)
        {
            ids.Add(await RegisterAsync(slug, person.Name, person.Email, person.Organisation, person.Needs));
        }

        // Eve and Fay are invited: Fay never answers.
        var invitees = new[] { "eve", "fay" }.Select(who => (Name: $"{who} Invited{unique}", Email: EventsApi.Address($"{who}{unique}", id))).ToArray();
        await Invitations.InvitationsApi.InvitedAsync(fixture.App, id, invitees);
        await Settle.EmailsAsync(fixture.App);
        var eveToken = fixture.SendGrid.Accepted.To(invitees[0].Email).Single(c => c.Kind() == InvitationEmails.InvitationKind).InvitationToken();
        Assert.Equal(HttpStatusCode.Created, (await Invitations.InvitationsApi.AcceptAsync(fixture.App, slug, eveToken, invitees[0].Name, invitees[0].Email)).StatusCode);

                // Ada confirmed and checked in; Cy waitlisted; Dee waitlisted, then cancelled.
        await fixture.App.Services.GetRequiredService<Registrations.RegistrationService>().CancelAsync(id, ids[2], CancellationToken.None);
        await fixture.PassAtAsync(startsAt.AddHours(-1));
        fixture.Time.SetUtcNow(startsAt.AddMinutes(1));
        (await fixture.App.KeyedClient.PostAsync($"api/manage/events/{id}/registrations/{ids[0]}/check-in", null)).EnsureSuccessStatusCode();
        await fixture.PassAtAsync(startsAt.AddHours(4));
        var adaToken = await EventsApi.ManageTokenAsync(fixture.SendGrid, people[0].Email);
        Assert.Contains(people[0].Name, await StorageScan.AllAsync(fixture.App), StringComparison.Ordinal);

        await fixture.PassAtAsync(startsAt.AddHours(2) + TimeSpan.FromDays(180) + TimeSpan.FromMinutes(1));

        var stored = await StorageScan.AllAsync(fixture.App);
        foreach (var person in people)
        {
            Assert.All(
                new[] { person.Name, person.Email, person.Organisation, person.Needs, AddressKey.Of(person.Email), unique },
                secret => Assert.DoesNotContain(secret, stored, StringComparison.OrdinalIgnoreCase));
        }

        Assert.All(
            invitees.SelectMany(i => new[] { i.Name, i.Email, AddressKey.Of(i.Email) }),
            secret => Assert.DoesNotContain(secret, stored, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0, (await Invitations.InvitationsApi.TrackingAsync(fixture.App, id)).GetProperty("totals").GetProperty("invited").GetInt32());

        var managed = await EventsApi.GetManagedAsync(fixture.App, id);
        Assert.Equal(
            (1, 2, 1),
            (managed.GetProperty("counts").GetProperty("confirmed").GetInt32(), managed.GetProperty("counts").GetProperty("waitlisted").GetInt32(), managed.GetProperty("counts").GetProperty("attended").GetInt32()));
        var erasure = managed.GetProperty("schedule").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "anonymisation");
        Assert.Equal(("sent", 4), (erasure.GetProperty("status").GetString(), erasure.GetProperty("recipients").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.App.Client.GetAsync($"api/registrations/{adaToken}")).StatusCode);
        Assert.Equal(4, (await EventsApi.RegistrationsAsync(fixture.App, id)).GetArrayLength());
    }
}
