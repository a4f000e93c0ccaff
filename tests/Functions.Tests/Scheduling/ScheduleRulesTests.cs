namespace GoodThings.Scheduling;

/// <summary>The due rules, on a fake clock: what is planned, what goes, what is missed or skipped, and who gets what.</summary>
public sealed class ScheduleRulesTests
{
    private static readonly ScheduleSettings Settings = new([TimeSpan.FromHours(24), TimeSpan.FromHours(1)], TimeSpan.FromHours(2), TimeSpan.FromDays(180));

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private DateTimeOffset Now => _time.GetUtcNow();

    private static EventRecord Event(DateTimeOffset startsAt, EventStatus status = EventStatus.Published, EventFormat format = EventFormat.Online) => new()
    {
        Id = "e1",
        Slug = "e1",
        Title = "Good things",
        StartsAt = startsAt,
        EndsAt = startsAt.AddHours(2),
        TimeZone = "Europe/London",
        Format = format,
        Status = status,
    };

    private static RegistrationRecord Registration(
        DateTimeOffset registeredAt, RegistrationStatus status = RegistrationStatus.Confirmed, DateTimeOffset? promotedAt = null, DateTimeOffset? checkedInAt = null) => new()
    {
        Id = Guid.NewGuid().ToString("N"),
        EventId = "e1",
        Status = status,
        Name = "Ada",
        Email = "ada@example.test",
        RegisteredAt = registeredAt,
        PromotedAt = promotedAt,
        CheckedInAt = checkedInAt,
    };

    private static ScheduledItem Item(IEnumerable<ScheduledItem> schedule, string name) => schedule.Single(i => i.Name == name);

    [Fact]
    public void PublishingPlansEachReminderTheFollowUpAndTheErasure()
    {
        var e = Event(Now.AddDays(3));

        var plan = EventSchedule.Plan(e, Settings, Now);

        Assert.Equal(["reminder-24h", "reminder-1h", "follow-up", "anonymisation"], plan.Select(i => i.Name));
        Assert.Equal(e.StartsAt.AddHours(-24), Item(plan, "reminder-24h").DueAt);
        Assert.Equal(e.StartsAt.AddHours(-1), Item(plan, "reminder-1h").DueAt);
        Assert.Equal(e.EndsAt.AddHours(2), Item(plan, "follow-up").DueAt);
        Assert.Equal(e.EndsAt.AddDays(180), Item(plan, "anonymisation").DueAt);
        Assert.All(plan, i => Assert.Equal(ScheduledItemStatus.Pending, i.Status));
    }

    [Fact]
    public void AReminderAlreadyDueWhenTheEventIsPublishedIsSkipped()
    {
        var plan = EventSchedule.Plan(Event(Now.AddHours(5)), Settings, Now);

        Assert.Equal(ScheduledItemStatus.Skipped, Item(plan, "reminder-24h").Status);
        Assert.Equal(ScheduledItemStatus.Pending, Item(plan, "reminder-1h").Status);
    }

    [Fact]
    public void ARegistrationMadeAfterAReminderWasDueDoesNotGetIt()
    {
        var e = Event(Now.AddHours(3));
        var reminder = Item(EventSchedule.Plan(e, Settings, Now.AddDays(-7)), "reminder-24h");
        var early = Registration(registeredAt: reminder.DueAt.AddMinutes(-1));
        var late = Registration(registeredAt: reminder.DueAt);

        Assert.True(ScheduledSends.IsReminderRecipient(early, reminder));
        Assert.False(ScheduledSends.IsReminderRecipient(late, reminder));
    }

    [Fact]
    public void APromotionAfterTheTwentyFourHourMarkGetsOnlyTheLaterReminder()
    {
        var e = Event(Now.AddDays(2));
        var plan = EventSchedule.Plan(e, Settings, Now);
        var promoted = Registration(registeredAt: Now, promotedAt: e.StartsAt.AddHours(-5));

        Assert.False(ScheduledSends.IsReminderRecipient(promoted, Item(plan, "reminder-24h")));
        Assert.True(ScheduledSends.IsReminderRecipient(promoted, Item(plan, "reminder-1h")));
    }

    [Theory]
    [InlineData(RegistrationStatus.Waitlisted)]
    [InlineData(RegistrationStatus.Cancelled)]
    public void NobodyWaitlistedOrCancelledGetsAReminder(RegistrationStatus status)
    {
        var reminder = Item(EventSchedule.Plan(Event(Now.AddDays(2)), Settings, Now), "reminder-1h");

        Assert.False(ScheduledSends.IsReminderRecipient(Registration(Now, status), reminder));
    }

    [Fact]
    public void ACancelledEventSkipsItsRemindersAndFollowUpButStillErasesInTime()
    {
        var e = Event(Now.AddDays(2));
        var plan = EventSchedule.Plan(e, Settings, Now);

        var cancelled = EventSchedule.Cancel(plan);

        Assert.All(cancelled.Where(i => i.Kind != ScheduledKind.Anonymisation), i => Assert.Equal(ScheduledItemStatus.Skipped, i.Status));
        Assert.Equal(ScheduledItemStatus.Pending, Item(cancelled, "anonymisation").Status);
        var dueReminder = Item(plan, "reminder-1h");
        Assert.Equal(ScheduledItemStatus.Skipped, EventSchedule.Decide(e with { Status = EventStatus.Cancelled }, dueReminder, [dueReminder], dueReminder.DueAt));
    }

    [Fact]
    public void NoReminderGoesAtOrAfterTheStart()
    {
        var e = Event(Now.AddHours(2));
        var reminder = Item(EventSchedule.Plan(e, Settings, Now), "reminder-1h");
        _time.SetUtcNow(e.StartsAt);

        Assert.Equal(ScheduledItemStatus.Missed, EventSchedule.Decide(e, reminder, [reminder], Now));
        Assert.Equal(ScheduledItemStatus.Sending, EventSchedule.Decide(e, reminder, [reminder], Now.AddSeconds(-1)));
    }

    [Fact]
    public void MovingTheEventLaterPlansEveryReminderAgainUnderTheNextTimeVersion()
    {
        var e = Event(Now.AddDays(2));
        var sent = EventSchedule.Plan(e, Settings, Now).Select(i => i.Kind == ScheduledKind.Anonymisation ? i : i with { Status = ScheduledItemStatus.Sent }).ToList();
        var moved = e with { StartsAt = e.StartsAt.AddDays(1), EndsAt = e.EndsAt.AddDays(1), TimeVersion = e.TimeVersion + 1 };

        var rearmed = EventSchedule.Rearm(moved, sent, Settings);

        var reminders = rearmed.Where(i => i.Kind == ScheduledKind.Reminder).ToList();
        Assert.All(reminders, r => Assert.Equal((ScheduledItemStatus.Pending, 1), (r.Status, r.TimeVersion)));
        Assert.Equal(moved.StartsAt.AddHours(-24), Item(rearmed, "reminder-24h").DueAt);
        Assert.Equal(ScheduledItemStatus.Sent, Item(rearmed, "follow-up").Status);
        Assert.Equal((ScheduledItemStatus.Pending, moved.EndsAt.AddDays(180)), (Item(rearmed, "anonymisation").Status, Item(rearmed, "anonymisation").DueAt));
    }

    [Fact]
    public void MovingTheEventEarlierSendsOnlyTheLatestOverdueReminder()
    {
        var e = Event(Now.AddDays(3));
        var moved = e with { StartsAt = Now.AddHours(5), EndsAt = Now.AddHours(7), TimeVersion = 1 };
        var rearmed = EventSchedule.Rearm(moved, EventSchedule.Plan(e, Settings, Now), Settings);
        var day = Item(rearmed, "reminder-24h");
        var hour = Item(rearmed, "reminder-1h");

        Assert.Equal(ScheduledItemStatus.Sending, EventSchedule.Decide(moved, day, [day], Now));
        Assert.Equal(TimeSpan.FromHours(5), EventSchedule.Lead(day.Before!.Value, moved.StartsAt - Now));
        _time.SetUtcNow(hour.DueAt);
        Assert.Equal(ScheduledItemStatus.Missed, EventSchedule.Decide(moved, day, [day, hour], Now));
        Assert.Equal(ScheduledItemStatus.Sending, EventSchedule.Decide(moved, hour, [day, hour], Now));
    }

    [Fact]
    public void AFollowUpHeldUpGoesUpToSevenDaysLateNeverLater()
    {
        var e = Event(Now.AddDays(1));
        var followUp = Item(EventSchedule.Plan(e, Settings, Now), "follow-up");

        Assert.Equal(ScheduledItemStatus.Sending, EventSchedule.Decide(e, followUp, [followUp], followUp.DueAt.AddDays(7)));
        Assert.Equal(ScheduledItemStatus.Missed, EventSchedule.Decide(e, followUp, [followUp], followUp.DueAt.AddDays(7).AddSeconds(1)));
        Assert.Equal(ScheduledItemStatus.Skipped, EventSchedule.Decide(e with { Status = EventStatus.Cancelled }, followUp, [followUp], followUp.DueAt));
    }

    [Fact]
    public void CheckedInPeopleAreThankedAndTheOthersMissed()
    {
        var checkedIn = Registration(Now, checkedInAt: Now);
        var absent = Registration(Now);

        Assert.Equal(RegistrationEmails.FollowUpThanks, ScheduledSends.FollowUpKind(checkedIn, anyoneCheckedIn: true));
        Assert.Equal(RegistrationEmails.FollowUpMissed, ScheduledSends.FollowUpKind(absent, anyoneCheckedIn: true));
        Assert.Null(ScheduledSends.FollowUpKind(Registration(Now, RegistrationStatus.Waitlisted), anyoneCheckedIn: true));
        Assert.Null(ScheduledSends.FollowUpKind(Registration(Now, RegistrationStatus.Cancelled), anyoneCheckedIn: true));
    }

    [Fact]
    public void WhenNobodyWasCheckedInEveryoneConfirmedIsThanked() =>
        Assert.Equal(RegistrationEmails.FollowUpThanks, ScheduledSends.FollowUpKind(Registration(Now), anyoneCheckedIn: false));

    [Theory]
    [InlineData(24 * 60, 24 * 60 - 1, 24 * 60)]
    [InlineData(24 * 60, 5 * 60 + 30, 5 * 60)]
    [InlineData(60, 59, 60)]
    [InlineData(60, 20, 20)]
    public void AReminderSaysTheTimeTrulyLeft(int beforeMinutes, int leftMinutes, int saysMinutes) =>
        Assert.Equal(TimeSpan.FromMinutes(saysMinutes), EventSchedule.Lead(TimeSpan.FromMinutes(beforeMinutes), TimeSpan.FromMinutes(leftMinutes)));

    [Theory]
    [InlineData("24:00:00", 24 * 60 * 60)]
    [InlineData("01:00:00", 60 * 60)]
    [InlineData("00:00:50", 50)]
    [InlineData("2.00:00:00", 2 * 24 * 60 * 60)]
    public void DurationsReadAsSettingsWriteThem(string text, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Duration.Parse(text));
        Assert.Equal(TimeSpan.FromSeconds(seconds), Duration.Parse(Duration.Format(TimeSpan.FromSeconds(seconds))));
    }

    [Theory]
    [InlineData("24:00:00,01:00:00", true)]
    [InlineData("00:00:50,00:00:25", true)]
    [InlineData("", false)]
    [InlineData("soon", false)]
    [InlineData("01:00:00,01:00:00", false)]
    [InlineData("1:00:00,2:00:00,3:00:00,4:00:00,5:00:00,6:00:00", false)]
    public void ReminderOffsetsAreCheckedAtStart(string offsets, bool valid) =>
        Assert.Equal(valid, !new RemindersOptions { Offsets = offsets }.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(new object())).Any());
}
