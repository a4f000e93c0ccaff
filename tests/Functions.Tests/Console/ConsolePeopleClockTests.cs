namespace GoodThings.OrganiserConsole;

/// <summary>The people pages once the event has started and ended, on a clock the test moves.</summary>
public sealed class ConsolePeopleClockTests(ConsoleAppFixture fixture) : IClassFixture<ConsoleAppFixture>
{
    [Fact]
    public async Task AfterTheStartNobodyCanBeCancelledAndAfterTheEndNobodyPromoted()
    {
        var starts = fixture.Time.GetUtcNow().AddDays(2);
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(capacity: 1, startsAt: starts));
        var id = created.GetProperty("id").GetString()!;
        var slug = created.GetProperty("slug").GetString()!;
        var confirmed = (await EventsApi.RegisteredAsync(fixture.App, slug, "Grace Hopper", EventsApi.Address("grace", id))).GetProperty("registrationId").GetString()!;
        var waiting = (await EventsApi.RegisteredAsync(fixture.App, slug, "Ada Lovelace", EventsApi.Address("ada", id))).GetProperty("registrationId").GetString()!;
        using var client = new ConsoleClient(fixture.App);

        fixture.Time.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        // Signed in after the move: a session lasts 12 hours.
        var (cookie, token) = await client.SignInAsync();
        var during = await (await client.GetAsync($"console/events/{id}/registrations", cookie)).Content.ReadAsStringAsync();
        var cancelStep = await client.GetAsync($"console/events/{id}/registrations/{confirmed}/cancel", cookie);
        var cancel = await client.PostAsync($"console/events/{id}/registrations/{confirmed}/cancel", cookie, [new("csrf", token)]);
        fixture.Time.Advance(TimeSpan.FromHours(2));
        var after = await (await client.GetAsync($"console/events/{id}/registrations", cookie)).Content.ReadAsStringAsync();
        var promote = await client.PostAsync($"console/events/{id}/registrations/{waiting}/promote", cookie, [new("csrf", token)]);

        Assert.DoesNotContain("Cancel registration", during, StringComparison.Ordinal);
        Assert.Contains($"/registrations/{waiting}/promote", during, StringComparison.Ordinal);
        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (cancelStep.StatusCode, cancel.StatusCode));
        Assert.DoesNotContain("/promote", after, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, promote.StatusCode);
        Assert.Contains("The event is over or not published", await promote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var registrations = (await EventsApi.RegistrationsAsync(fixture.App, id)).EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!, r => r.GetProperty("status").GetString());
        Assert.Equal(("confirmed", "waitlisted"), (registrations[confirmed], registrations[waiting]));
    }
}
