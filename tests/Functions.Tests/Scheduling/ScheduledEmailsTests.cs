namespace GoodThings.Scheduling;

/// <summary>The scheduled emails through the whole app: the timer's pass on a clock the test moves, real storage, the real SendGrid SDK.</summary>
public sealed class ScheduledEmailsTests(Registrations.FakeClockAppFixture fixture) : IClassFixture<Registrations.FakeClockAppFixture>
{
    private const string JoinLink = "https://meet.example.org/good-things";

    private DateTimeOffset Now => fixture.Time.GetUtcNow();

    private async Task<(string Id, string Slug, DateTimeOffset StartsAt)> OnlineEventAsync(Action<Dictionary<string, object?>>? edit = null)
    {
        var startsAt = new DateTimeOffset(Now.UtcDateTime.Date.AddDays(5).AddHours(18), TimeSpan.Zero);
        var body = EventsApi.EventBody(format: "online", startsAt: startsAt);
        edit?.Invoke(body);
        var created = await EventsApi.CreateEventAsync(fixture.App, body);
        return (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!, startsAt);
    }

    /// <summary>Moves the clock and runs the timer's pass, then waits until everything it queued has been sent.</summary>
    private async Task PassAtAsync(DateTimeOffset at)
    {
        fixture.Time.SetUtcNow(at);
        await fixture.App.Services.GetRequiredService<SchedulePass>().RunAsync(CancellationToken.None);
        await Settle.EmailsAsync(fixture.App);
    }

    private IReadOnlyList<SendGridCall> Sent(string eventId, string kind) => [.. fixture.SendGrid.Accepted.ForEvent(eventId).Where(c => c.Kind() == kind)];

    private async Task<Dictionary<string, JsonElement>> ScheduleAsync(string eventId) =>
        (await EventsApi.GetManagedAsync(fixture.App, eventId)).GetProperty("schedule").EnumerateArray()
            .ToDictionary(i => i.GetProperty("kind").GetString() + (i.GetProperty("before").GetString() is { } before ? " " + before : ""));

    [Fact]
    public async Task AnAttendeeGetsBothRemindersAndTheFollowUpWithNoOrganiserAction()
    {
        var (id, slug, startsAt) = await OnlineEventAsync();
        var ada = EventsApi.Address("ada", id);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", ada);
        await EventsApi.EmailsForEventAsync(fixture, id, 1, RegistrationEmails.Confirmed);

        await PassAtAsync(startsAt.AddHours(-24));
        var dayBefore = Assert.Single(Sent(id, RegistrationEmails.Reminder));
        await PassAtAsync(startsAt.AddHours(-1));
        var hourBefore = Assert.Single(Sent(id, RegistrationEmails.Reminder), c => c != dayBefore);
        await PassAtAsync(startsAt.AddHours(2 + 2));
        await PassAtAsync(Now.AddMinutes(1));

        Assert.Equal([ada], dayBefore.Recipients);
        Assert.Contains("24 hours", dayBefore.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(JoinLink, dayBefore.Text(), StringComparison.Ordinal);
        Assert.Contains("1 hour", hourBefore.Text(), StringComparison.Ordinal);
        Assert.Contains(JoinLink, hourBefore.Text(), StringComparison.Ordinal);
        Assert.Equal([ada], Assert.Single(Sent(id, RegistrationEmails.FollowUpThanks)).Recipients);
        Assert.Empty(Sent(id, RegistrationEmails.FollowUpMissed));
        Assert.Equal(2, Sent(id, RegistrationEmails.Reminder).Count);
        var schedule = await ScheduleAsync(id);
        Assert.All(["reminder 24:00:00", "reminder 01:00:00", "followUp"], name =>
            Assert.Equal(("sent", 1), (schedule[name].GetProperty("status").GetString(), schedule[name].GetProperty("recipients").GetInt32())));
        Assert.Equal("pending", schedule["anonymisation"].GetProperty("status").GetString());
        Assert.Equal(startsAt.AddHours(-24), schedule["reminder 24:00:00"].GetProperty("dueAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task TheFollowUpThanksThoseCheckedInAndTellsTheOthersWhatTheyMissed()
    {
        var (id, slug, startsAt) = await OnlineEventAsync(body => body["followUp"] = new
        {
            recordingUrl = "https://video.example.org/recording",
            slidesUrl = "https://slides.example.org/deck",
            feedbackUrl = "https://forms.example.org/feedback",
        });
        var ada = EventsApi.Address("ada", id);
        var bob = EventsApi.Address("bob", id);
        var adaId = (await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", ada)).GetProperty("registrationId").GetString();
        await EventsApi.RegisteredAsync(fixture.App, slug, "Bob", bob);
        fixture.Time.SetUtcNow(startsAt.AddMinutes(5));
        (await fixture.App.KeyedClient.PostAsync($"api/manage/events/{id}/registrations/{adaId}/check-in", null)).EnsureSuccessStatusCode();

        await PassAtAsync(startsAt.AddHours(4));

        var thanks = Assert.Single(Sent(id, RegistrationEmails.FollowUpThanks));
        var missed = Assert.Single(Sent(id, RegistrationEmails.FollowUpMissed));
        Assert.Equal([ada], thanks.Recipients);
        Assert.Equal([bob], missed.Recipients);
        Assert.All(["https://video.example.org/recording", "https://slides.example.org/deck", "https://forms.example.org/feedback"], link =>
            Assert.Contains(link, thanks.Text(), StringComparison.Ordinal));
        Assert.Contains("https://video.example.org/recording", missed.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("https://forms.example.org/feedback", missed.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MovingTheEventRemindsAgainForTheNewTime()
    {
        var (id, slug, startsAt) = await OnlineEventAsync();
        var ada = EventsApi.Address("ada", id);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", ada);
        await PassAtAsync(startsAt.AddHours(-24));
        var movedTo = startsAt.AddDays(2);

        (await EventsApi.PatchAsync(fixture.App, id, new { startsAt = movedTo.ToString("O"), endsAt = movedTo.AddHours(2).ToString("O") })).EnsureSuccessStatusCode();
        await PassAtAsync(startsAt.AddHours(-1));
        await PassAtAsync(movedTo.AddHours(-24));

        var reminders = Sent(id, RegistrationEmails.Reminder);
        Assert.Equal(2, reminders.Count);
        Assert.Equal(2, reminders.Select(r => r.IdempotencyKey()).Distinct().Count());
        Assert.Equal("pending", (await ScheduleAsync(id))["reminder 01:00:00"].GetProperty("status").GetString());
    }

    [Fact]
    public async Task ACancelledEventSendsNoReminderAndNoFollowUp()
    {
        var (id, slug, startsAt) = await OnlineEventAsync();
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));
        (await fixture.App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/cancel", new { reason = "Venue flooded" })).EnsureSuccessStatusCode();

        await PassAtAsync(startsAt.AddHours(-1));
        await PassAtAsync(startsAt.AddHours(4));

        Assert.Empty(Sent(id, RegistrationEmails.Reminder));
        Assert.Empty(Sent(id, RegistrationEmails.FollowUpThanks));
        Assert.Single(Sent(id, EventFanOut.Cancelled));
        var schedule = await ScheduleAsync(id);
        Assert.All(["reminder 24:00:00", "reminder 01:00:00", "followUp"], name => Assert.Equal("skipped", schedule[name].GetProperty("status").GetString()));
    }

    [Fact]
    public async Task PassesRunningAtOnceSendEachReminderOnce()
    {
        var (id, slug, startsAt) = await OnlineEventAsync();
        var people = Enumerable.Range(1, 5).Select(n => EventsApi.Address($"p{n}", id)).ToList();
        foreach (var person in people)
        {
            await EventsApi.RegisteredAsync(fixture.App, slug, person, person);
        }

        fixture.Time.SetUtcNow(startsAt.AddHours(-1));
        var pass = fixture.App.Services.GetRequiredService<SchedulePass>();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => pass.RunAsync(CancellationToken.None)));
        await Settle.EmailsAsync(fixture.App);
        await pass.RunAsync(CancellationToken.None);
        await Settle.EmailsAsync(fixture.App);

        var reminders = Sent(id, RegistrationEmails.Reminder);
        Assert.Equal(people.Order(), reminders.SelectMany(r => r.Recipients).Order());
        // The day-before reminder was already due with this one: only the latest of the two goes.
        Assert.All(reminders, r => Assert.Contains(JoinLink, r.Text(), StringComparison.Ordinal));
        Assert.Equal("missed", (await ScheduleAsync(id))["reminder 24:00:00"].GetProperty("status").GetString());
    }
}
