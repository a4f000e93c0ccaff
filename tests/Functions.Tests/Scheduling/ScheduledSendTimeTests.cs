using NSubstitute;

namespace GoodThings.Scheduling;

/// <summary>The app on a clock the test moves, with a stand-in sender that records what reaches it.</summary>
public sealed class RecordingSenderFixture : GoodThingsAppFixture
{
    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public IEmailSender Sender { get; } = Substitute.For<IEmailSender>();

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton(Sender).AddSingleton<TimeProvider>(Time);
}

/// <summary>
/// The due rules again when a scheduled email's turn comes in the outbox, which may be late: the dispatcher, real
/// storage and delivery records, and a sender stand-in that says whether anything was sent.
/// </summary>
public sealed class ScheduledSendTimeTests(RecordingSenderFixture fixture) : IClassFixture<RecordingSenderFixture>
{
    private async Task<(EventRecord Event, RegistrationRecord Ada, RegistrationRecord Bob)> EventWithTwoAsync()
    {
        var startsAt = fixture.Time.GetUtcNow().AddDays(2);
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(format: "online", startsAt: startsAt));
        var (id, slug) = (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
        var ada = (await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id))).GetProperty("registrationId").GetString()!;
        var bob = (await EventsApi.RegisteredAsync(fixture.App, slug, "Bob", EventsApi.Address("bob", id))).GetProperty("registrationId").GetString()!;
        var store = fixture.App.Services.GetRequiredService<EventStore>();
        return ((await store.GetAsync(id, CancellationToken.None))!.Event,
            (await store.GetRegistrationAsync(id, ada, CancellationToken.None))!.Value.Registration,
            (await store.GetRegistrationAsync(id, bob, CancellationToken.None))!.Value.Registration);
    }

    private Task DeliverAsync(string kind, RegistrationRecord registration, ScheduledItem item) =>
        fixture.App.Services.GetRequiredService<EmailDispatcher>().DeliverAsync(RegistrationEmails.Scheduled(kind, registration, item, withJoinLink: true), CancellationToken.None);

    private int SentTo(RegistrationRecord registration, string kind) => fixture.Sender.ReceivedCalls()
        .Select(call => (OutgoingEmail)call.GetArguments()[0]!)
        .Count(email => email.To == registration.Email && email.Tracking.GetValueOrDefault("kind") == kind);

    [Fact]
    public async Task AReminderWhoseTurnComesOnlyAfterTheStartIsNotSent()
    {
        var (e, ada, bob) = await EventWithTwoAsync();

        await AssertSentUntilAsync(e.StartsAt.AddSeconds(-1), RegistrationEmails.Reminder, e.Schedule.Single(i => i.Name == "reminder-1h"), ada, bob);
    }

    [Fact]
    public async Task AFollowUpWhoseTurnComesMoreThanSevenDaysLateIsNotSent()
    {
        var (e, ada, bob) = await EventWithTwoAsync();
        var followUp = e.Schedule.Single(i => i.Kind == ScheduledKind.FollowUp);

        await AssertSentUntilAsync(followUp.DueAt.AddDays(7), RegistrationEmails.FollowUpThanks, followUp, ada, bob);
    }

    /// <summary>The email whose turn comes at <paramref name="lastMoment"/> is sent; one whose turn comes a second later is not.</summary>
    private async Task AssertSentUntilAsync(DateTimeOffset lastMoment, string kind, ScheduledItem item, RegistrationRecord inTime, RegistrationRecord late)
    {
        fixture.Time.SetUtcNow(lastMoment);
        await DeliverAsync(kind, inTime, item);
        fixture.Time.SetUtcNow(lastMoment.AddSeconds(1));
        await DeliverAsync(kind, late, item);

        Assert.Equal((1, 0), (SentTo(inTime, kind), SentTo(late, kind)));
    }

    [Fact]
    public async Task AReminderForAnEarlierTimeOfAMovedEventIsNotSent()
    {
        var (e, ada, _) = await EventWithTwoAsync();
        var reminder = e.Schedule.Single(i => i.Name == "reminder-24h");
        var movedTo = e.StartsAt.AddDays(1);
        (await EventsApi.PatchAsync(fixture.App, e.Id, new { startsAt = movedTo.ToString("O"), endsAt = movedTo.AddHours(2).ToString("O") })).EnsureSuccessStatusCode();

        fixture.Time.SetUtcNow(reminder.DueAt);
        await DeliverAsync(RegistrationEmails.Reminder, ada, reminder);

        Assert.Equal(0, SentTo(ada, RegistrationEmails.Reminder));
    }
}
