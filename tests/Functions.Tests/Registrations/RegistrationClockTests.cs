
namespace GoodThings.Registrations;

/// <summary>The whole app on a clock the test moves.</summary>
public sealed class FakeClockAppFixture : GoodThingsAppFixture
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Time);

    /// <summary>Sets the clock, runs one schedule pass as the timer would, and waits for the emails it sends.</summary>
    public async Task PassAtAsync(DateTimeOffset at)
    {
        Time.SetUtcNow(at);
        await App.Services.GetRequiredService<Scheduling.SchedulePass>().RunAsync(CancellationToken.None);
        await Settle.EmailsAsync(App);
    }
}

/// <summary>Registration behaviours that depend on time passing: re-sends, closing, starting, ending, link expiry.</summary>
public sealed class RegistrationClockTests(FakeClockAppFixture fixture) : IClassFixture<FakeClockAppFixture>
{
    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    [Fact]
    public async Task ConfirmationIsResentAtMostOnceAnHour()
    {
        var (id, slug) = await EventAsync(EventsApi.EventBody(startsAt: Now.AddDays(30)));
        var email = EventsApi.Address("ada", id);
        var first = await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", email);
        await EventsApi.EmailsForEventAsync(fixture, id, 1);

        var atOnce = await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", $" {email.ToUpperInvariant()} ");
        fixture.Time.Advance(TimeSpan.FromMinutes(59));
        var within = await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", email);
        await Settle.EmailsAsync(fixture.App);
        var emailsWithinTheHour = fixture.SendGrid.Accepted.ForEvent(id).Count;
        fixture.Time.Advance(TimeSpan.FromMinutes(2));
        var later = await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", email);

        Assert.Equal(1, emailsWithinTheHour);
        var registrationId = first.GetProperty("registrationId").GetString();
        Assert.All(new[] { atOnce, within, later }, r => Assert.Equal(registrationId, r.GetProperty("registrationId").GetString()));
        var emails = await EventsApi.EmailsForEventAsync(fixture, id, 2);
        Assert.Equal(2, emails.Count);
        Assert.All(emails, e => Assert.Equal(RegistrationEmails.Confirmed, e.Kind()));
        Assert.All(emails, e => Assert.Equal(email, Assert.Single(e.Recipients)));
        Assert.All(emails, e => Assert.NotNull(e.CalendarFile()));
        Assert.Equal(2, emails.Select(e => e.IdempotencyKey()).Distinct().Count());
        Assert.Single((await EventsApi.RegistrationsAsync(fixture.App, id)).EnumerateArray());
    }

    [Fact]
    public async Task CancellingIsRefusedOnceTheEventHasStarted()
    {
        var (id, token) = await AdaRegisteredAsync(startsAt: Now.AddHours(2));
        fixture.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));

        var response = await fixture.App.Client.PostAsync($"api/registrations/{token}/cancel", null);

        await EventsApi.AssertProblemAsync(response, 409);
        var view = await fixture.App.Client.GetFromJsonAsync<JsonElement>($"api/registrations/{token}");
        Assert.Equal("confirmed", view.GetProperty("status").GetString());
        Assert.False(view.GetProperty("canCancel").GetBoolean());
        Assert.Equal(1, (await EventsApi.GetManagedAsync(fixture.App, id)).GetProperty("counts").GetProperty("confirmed").GetInt32());
        await Settle.EmailsAsync(fixture.App);
        Assert.DoesNotContain(fixture.SendGrid.Calls.ForEvent(id), e => e.Kind() == RegistrationEmails.Cancelled);
    }

    [Fact]
    public async Task RegistrationClosesAtItsClosingTime()
    {
        var body = EventsApi.EventBody(startsAt: Now.AddDays(3));
        body["registrationClosesAt"] = Now.AddHours(1).ToString("O");
        var (id, slug) = await EventAsync(body);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));
        fixture.Time.Advance(TimeSpan.FromMinutes(61));

        var response = await EventsApi.RegisterAsync(fixture.App, slug, "Grace", EventsApi.Address("grace", id));

        var problem = await EventsApi.AssertProblemAsync(response, 409);
        Assert.EndsWith("registration-closed", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        var listed = (await EventsApi.PublicEventsAsync(fixture.App)).EnumerateArray().Single(e => e.GetProperty("slug").GetString() == slug);
        Assert.Equal("closed", listed.GetProperty("availability").GetString());
        Assert.Single((await EventsApi.RegistrationsAsync(fixture.App, id)).EnumerateArray());
    }

    [Fact]
    public async Task AnEventThatHasEndedLeavesThePublicListAndTakesNoRegistrations()
    {
        var body = EventsApi.EventBody(startsAt: Now.AddHours(1));
        body["registrationClosesAt"] = Now.AddHours(3).ToString("O"); // the end: open while it runs
        var (id, slug) = await EventAsync(body);
        var listedBefore = (await EventsApi.PublicEventsAsync(fixture.App)).EnumerateArray().Any(e => e.GetProperty("slug").GetString() == slug);
        fixture.Time.Advance(TimeSpan.FromHours(3) + TimeSpan.FromMinutes(1));

        var listedAfter = (await EventsApi.PublicEventsAsync(fixture.App)).EnumerateArray().Any(e => e.GetProperty("slug").GetString() == slug);
        var response = await EventsApi.RegisterAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));

        Assert.True(listedBefore);
        Assert.False(listedAfter);
        var problem = await EventsApi.AssertProblemAsync(response, 409);
        Assert.EndsWith("registration-closed", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, (await EventsApi.RegistrationsAsync(fixture.App, id)).GetArrayLength());
    }

    [Fact]
    public async Task RaisingCapacityOnceTheEventHasStartedPromotesNobodyAndSendsNoYoureIn()
    {
        var (id, slug) = await EventAsync(EventsApi.EventBody(capacity: 1, startsAt: Now.AddHours(2)));
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));
        var waiting = EventsApi.Address("grace", id);
        Assert.Equal("waitlisted", (await EventsApi.RegisteredAsync(fixture.App, slug, "Grace", waiting)).GetProperty("status").GetString());
        await EventsApi.EmailsForEventAsync(fixture, id, 2);
        fixture.Time.Advance(TimeSpan.FromHours(2));

        var raised = await EventsApi.PatchAsync(fixture.App, id, new { capacity = 10 });

        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        var counts = (await raised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("counts");
        Assert.Equal((1, 1), (counts.GetProperty("confirmed").GetInt32(), counts.GetProperty("waitlisted").GetInt32()));
        Assert.Equal("waitlisted", (await EventsApi.RegistrationsAsync(fixture.App, id)).EnumerateArray().Single(r => r.GetProperty("email").GetString() == waiting).GetProperty("status").GetString());
        await Settle.EmailsAsync(fixture.App);
        Assert.DoesNotContain(fixture.SendGrid.Calls.ForEvent(id), e => e.Kind() == RegistrationEmails.Promoted);
    }

    [Fact]
    public async Task AYoureInEmailStillWaitingToGoWhenTheEventStartsIsNotSent()
    {
        var (id, slug) = await EventAsync(EventsApi.EventBody(capacity: 1, startsAt: Now.AddHours(2)));
        var adaId = (await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id))).GetProperty("registrationId").GetString()!;
        var waiting = EventsApi.Address("grace", id);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Grace", waiting);
        Assert.Equal(CancelResult.Cancelled, await fixture.App.Services.GetRequiredService<RegistrationService>().CancelAsync(id, adaId, CancellationToken.None));
        var promoted = await fixture.App.Services.GetRequiredService<EventStore>().GetActiveRegistrationByEmailAsync(id, waiting, CancellationToken.None);
        Assert.Equal(RegistrationStatus.Confirmed, promoted!.Status);
        var composer = fixture.App.Services.GetServices<IEmailComposer>().Single(c => c.Kinds.Contains(RegistrationEmails.Promoted));

        var beforeTheStart = await composer.ComposeAsync(RegistrationEmails.Promotion(promoted), CancellationToken.None);
        fixture.Time.Advance(TimeSpan.FromHours(2));
        var atTheStart = await composer.ComposeAsync(RegistrationEmails.Promotion(promoted), CancellationToken.None);

        Assert.NotNull(beforeTheStart);
        Assert.Null(atTheStart);
    }

    [Fact]
    public async Task AManageLinkExpiresLongAfterTheEvent()
    {
        var (id, token) = await AdaRegisteredAsync(startsAt: Now.AddDays(1));
        var before = await fixture.App.Client.GetAsync($"api/registrations/{token}");
        fixture.Time.Advance(TimeSpan.FromDays(1) + RegistrationService.TokenLifetimeAfterEvent + TimeSpan.FromDays(1));

        var get = await fixture.App.Client.GetAsync($"api/registrations/{token}");
        var cancel = await fixture.App.Client.PostAsync($"api/registrations/{token}/cancel", null);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await EventsApi.AssertProblemAsync(get, 404);
        await EventsApi.AssertProblemAsync(cancel, 404);
        Assert.Equal("confirmed", Assert.Single((await EventsApi.RegistrationsAsync(fixture.App, id)).EnumerateArray()).GetProperty("status").GetString());
    }

    /// <summary>Ada, registered for an event starting at <paramref name="startsAt"/>: the event's id and her manage token.</summary>
    private async Task<(string EventId, string ManageToken)> AdaRegisteredAsync(DateTimeOffset startsAt)
    {
        var (id, slug) = await EventAsync(EventsApi.EventBody(startsAt: startsAt));
        var email = EventsApi.Address("ada", id);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", email);
        return (id, await EventsApi.ManageTokenAsync(fixture.SendGrid, email));
    }

    private async Task<(string Id, string Slug)> EventAsync(Dictionary<string, object?> body)
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, body);
        return (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
    }
}
