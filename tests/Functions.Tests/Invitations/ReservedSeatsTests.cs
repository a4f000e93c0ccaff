using static GoodThings.Invitations.InvitationsApi;

namespace GoodThings.Invitations;

/// <summary>Seats reserved for invitees go only to invitees, however registrations race.</summary>
public sealed class ReservedSeatsTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    [Fact]
    public async Task FiftyInviteesAndFiftyOthersRacingForTenReservedAndTenOpenSeats()
    {
        var (id, slug, created) = await EventAsync(capacity: 20, reservedSeats: 10);
        Assert.Equal(10, created.GetProperty("counts").GetProperty("remaining").GetInt32());
        var invitees = Enumerable.Range(1, 50).Select(i => (Name: $"Invitee {i}", Email: EventsApi.Address($"invitee{i}", id))).ToList();
        var others = Enumerable.Range(1, 50).Select(i => (Name: $"Other {i}", Email: EventsApi.Address($"other{i}", id))).ToList();
        await InvitedAsync(fixture.App, id, invitees);
        var invitations = await InvitationsToAsync(fixture, [.. invitees.Select(i => i.Email)]);
        var tokens = invitees.ToDictionary(i => i.Email, i => invitations.To(i.Email).Single().InvitationToken());

        // Interleaved, so neither side has a head start.
        var racers = invitees.Zip(others).SelectMany(pair => new[] { (pair.First, Invited: true), (pair.Second, Invited: false) });
        var responses = await Task.WhenAll(racers.Select(async racer =>
        {
            var response = racer.Invited
                ? await AcceptAsync(fixture.App, slug, tokens[racer.Item1.Email], racer.Item1.Name, racer.Item1.Email)
                : await EventsApi.RegisterAsync(fixture.App, slug, racer.Item1.Name, racer.Item1.Email);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (racer.Invited, Status: (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }));

        var confirmedInvitees = responses.Count(r => r.Invited && r.Status == "confirmed");
        var confirmedOthers = responses.Count(r => !r.Invited && r.Status == "confirmed");
        Assert.Equal(20, confirmedInvitees + confirmedOthers);
        Assert.InRange(confirmedOthers, 0, 10);
        Assert.InRange(confirmedInvitees, 10, 20);
        Assert.Equal(80, responses.Count(r => r.Status == "waitlisted"));
        var managed = await EventsApi.GetManagedAsync(fixture.App, id);
        Assert.Equal(20, managed.GetProperty("counts").GetProperty("confirmed").GetInt32());
        Assert.Equal(confirmedInvitees, managed.GetProperty("counts").GetProperty("confirmedInvitees").GetInt32());
        Assert.Equal(0, managed.GetProperty("invitations").GetProperty("heldForInvitees").GetInt32());
        var registrations = (await EventsApi.RegistrationsAsync(fixture.App, id)).EnumerateArray().ToList();
        Assert.Equal(confirmedInvitees, registrations.Count(r => r.GetProperty("invited").GetBoolean() && r.GetProperty("status").GetString() == "confirmed"));
    }

    [Fact]
    public async Task AFreedReservedSeatGoesToTheFirstWaitingInviteeNotTheFirstInLine()
    {
        var (id, slug, _) = await EventAsync(capacity: 2, reservedSeats: 1);
        var (first, second) = (EventsApi.Address("first", id), EventsApi.Address("second", id));
        var (guest, lateGuest) = (EventsApi.Address("guest", id), EventsApi.Address("lateguest", id));
        await InvitedAsync(fixture.App, id, [("Guest", guest), ("Late Guest", lateGuest)]);
        var invitations = await InvitationsToAsync(fixture, [guest, lateGuest]);

        Assert.Equal("confirmed", (await EventsApi.RegisteredAsync(fixture.App, slug, "First", first)).GetProperty("status").GetString());
        Assert.Equal("waitlisted", (await EventsApi.RegisteredAsync(fixture.App, slug, "Second", second)).GetProperty("status").GetString());
        var guestAccepted = await AcceptAsync(fixture.App, slug, invitations.To(guest).Single().InvitationToken(), "Guest", guest);
        Assert.Equal("confirmed", (await guestAccepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var late = await AcceptAsync(fixture.App, slug, invitations.To(lateGuest).Single().InvitationToken(), "Late Guest", lateGuest);
        Assert.Equal("waitlisted", (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());

        // The guest gives up the reserved seat: "Second" is first in line, but only an invitee may have it.
        var guestToken = (await EventsApi.EmailsForEventAsync(fixture, id, 1, RegistrationEmails.Confirmed)).To(guest).Single().ManageToken();
        (await fixture.App.Client.PostAsync($"api/registrations/{guestToken}/cancel", null)).EnsureSuccessStatusCode();

        var registrations = (await EventsApi.RegistrationsAsync(fixture.App, id)).EnumerateArray().ToDictionary(r => r.GetProperty("email").GetString()!, r => r.GetProperty("status").GetString());
        Assert.Equal("confirmed", registrations[lateGuest]);
        Assert.Equal("waitlisted", registrations[second]);
    }

    private async Task<(string Id, string Slug, JsonElement Created)> EventAsync(int capacity, int reservedSeats)
    {
        var body = EventsApi.EventBody(capacity: capacity);
        body["invitations"] = new { reservedSeats };
        var created = await EventsApi.CreateEventAsync(fixture.App, body);
        return (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!, created);
    }
}
