using GoodThings.Audit;
using GoodThings.Contract;

namespace GoodThings.Registrations;

/// <summary><c>POST /api/manage/events/{id}/registrations/{registrationId}/promote</c>: an organiser's promotion off the waitlist.</summary>
public sealed class ManagePromoteTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    [Fact]
    public async Task PromotingAWaitlistedPersonConfirmsThemOverCapacityOnceAndRecordsTheKey()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(capacity: 1));
        var id = created.GetProperty("id").GetString()!;
        var slug = created.GetProperty("slug").GetString()!;
        await EventsApi.RegisteredAsync(fixture.App, slug, "Grace Hopper", EventsApi.Address("grace", id));
        var waiting = (await EventsApi.RegisteredAsync(fixture.App, slug, "Ada Lovelace", EventsApi.Address("ada", id))).GetProperty("registrationId").GetString()!;
        var path = $"api/manage/events/{id}/registrations/{waiting}/promote";

        var promoted = await fixture.App.KeyedClient.PostAsync(path, null);
        var again = await fixture.App.KeyedClient.PostAsync(path, null);
        var missing = await fixture.App.KeyedClient.PostAsync($"api/manage/events/{id}/registrations/no-such-registration/promote", null);
        var anonymous = await fixture.App.Client.PostAsync(path, null);

        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        var body = await ApiDocument.AssertMatchesAsync(promoted, HttpMethod.Post, "/api/manage/events/{id}/registrations/{registrationId}/promote");
        Assert.Equal((waiting, "confirmed"), (body.GetProperty("registrationId").GetString(), body.GetProperty("status").GetString()));
        Assert.Equal("/problems/not-waitlisted", (await ApiDocument.AssertMatchesAsync(again, HttpMethod.Post, "/api/manage/events/{id}/registrations/{registrationId}/promote")).GetProperty("type").GetString());
        await EventsApi.AssertProblemAsync(missing, 404);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var counts = (await EventsApi.GetManagedAsync(fixture.App, id)).GetProperty("counts");
        Assert.Equal((2, 0), (counts.GetProperty("confirmed").GetInt32(), counts.GetProperty("waitlisted").GetInt32()));
        var email = Assert.Single(await EventsApi.EmailsForEventAsync(fixture, id, 1, RegistrationEmails.Promoted));
        Assert.Equal(new[] { EventsApi.Address("ada", id) }, email.Recipients);
        var audit = (await fixture.App.KeyedClient.GetFromJsonAsync<JsonElement>($"api/manage/events/{id}/audit")).GetProperty("items").EnumerateArray();
        var entry = Assert.Single(audit, e => e.GetProperty("action").GetString() == AuditActions.RegistrationPromotedByOrganiser);
        Assert.Equal((waiting, Actor.ManagementKey.Id), (entry.GetProperty("registrationId").GetString(), entry.GetProperty("actor").GetProperty("id").GetString()));
    }
}
