using GoodThings.Site;
using static GoodThings.Events.CalendarSamples;

namespace GoodThings.Events;

/// <summary>Invites and cancellations for one registrant: a request to them from the organiser, with the place, the join link and the manage link.</summary>
public sealed class CalendarInviteTests
{
    [Fact]
    public void UidStaysTheSameAcrossAnUpdateWhileSequenceRises()
    {
        var before = Event() with { Sequence = 0 };
        var after = before with { StartsAt = before.StartsAt.AddDays(1), EndsAt = before.EndsAt.AddDays(1), Sequence = 1 };

        var first = Parse(Files.Invite(before, Registration(), ManageUrl, JoinUrl)).Events.Single();
        var second = Parse(Files.Invite(after, Registration(), ManageUrl, JoinUrl)).Events.Single();

        Assert.Equal($"{before.Id}@goodthings", first.Uid);
        Assert.Equal(first.Uid, second.Uid);
        Assert.Equal(0, first.Sequence);
        Assert.Equal(1, second.Sequence);
        Assert.Equal(after.StartsAt.UtcDateTime, second.DtStart!.AsUtc);
    }

    [Fact]
    public void InviteIsARequestToOneAcceptedAttendeeFromTheOrganiser()
    {
        var @event = Event() with { Sequence = 3 };

        var attachment = Files.Invite(@event, Registration(), ManageUrl, JoinUrl);

        Assert.Equal("invite.ics", attachment.FileName);
        Assert.Equal("text/calendar; method=REQUEST; charset=utf-8", attachment.ContentType);
        var raw = RawCalendar.From(attachment.Content);
        Assert.Equal("BEGIN:VCALENDAR", raw.Lines[0]);
        Assert.Equal("END:VCALENDAR", raw.Lines[^1]);
        Assert.Equal("REQUEST", raw.Value("METHOD"));
        Assert.Equal("2.0", raw.Value("VERSION"));
        Assert.Equal("-//GoodThings//Events//EN", raw.Value("PRODID"));
        Assert.Equal("CONFIRMED", raw.Value("STATUS"));
        Assert.Equal("3", raw.Value("SEQUENCE"));
        Assert.Equal("20261127T090000Z", raw.Value("DTSTAMP"));
        Assert.Equal("https://events.example.test/events/making-good-things", raw.Value("URL"));
        Assert.Equal("SUMMARY:Making good things happen", raw.Properties("SUMMARY").Single());
        var entry = Parse(attachment).Events.Single();
        Assert.Equal(new Uri("mailto:events@goodthings.test"), entry.Organizer!.Value);
        Assert.Equal("Good Things", entry.Organizer.CommonName);
        var attendee = Assert.Single(entry.Attendees);
        Assert.Equal(new Uri("mailto:ada@example.test"), attendee.Value);
        Assert.Equal("Ada Lovelace", attendee.CommonName);
        Assert.Equal("ACCEPTED", attendee.ParticipationStatus);
        Assert.False(attendee.Rsvp);
        Assert.Equal("REQ-PARTICIPANT", attendee.Role);
        Assert.Contains("RSVP=FALSE", raw.Properties("ATTENDEE").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public void CancellationWithdrawsTheSameEntryWithTheEventsSequence()
    {
        var @event = Event() with { Status = EventStatus.Cancelled, Sequence = 4, CancellationReason = "The speaker is ill" };

        var attachment = Files.Cancellation(@event, Registration());

        Assert.Equal("cancel.ics", attachment.FileName);
        Assert.Equal("text/calendar; method=CANCEL; charset=utf-8", attachment.ContentType);
        var calendar = Parse(attachment);
        Assert.Equal("CANCEL", calendar.Method);
        var entry = calendar.Events.Single();
        Assert.Equal($"{@event.Id}@goodthings", entry.Uid);
        Assert.Equal(4, entry.Sequence);
        Assert.Equal("CANCELLED", entry.Status);
        Assert.NotNull(entry.Organizer);
        Assert.Equal(new Uri("mailto:ada@example.test"), Assert.Single(entry.Attendees).Value);
        Assert.Contains("The speaker is ill", entry.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(@event.OnlineUrl!, RawCalendar.From(attachment.Content).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void OnlineInviteWithAJoinLinkHasItAsLocationAndInDescription()
    {
        var @event = Event() with { Format = EventFormat.Online, Venue = null };

        var entry = Parse(Files.Invite(@event, Registration(), ManageUrl, JoinUrl)).Events.Single();

        Assert.Equal(JoinUrl, entry.Location);
        Assert.Contains($"Join online: {JoinUrl}", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void InviteWithoutAJoinLinkNeverMentionsTheOnlineUrl()
    {
        var @event = Event() with { Format = EventFormat.Online, Venue = null };

        var attachment = Files.Invite(@event, Registration(), ManageUrl, joinUrl: null);

        Assert.Equal("Online", Parse(attachment).Events.Single().Location);
        Assert.DoesNotContain("meet.example.test", RawCalendar.From(attachment.Content).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void HybridInviteKeepsTheVenueAsLocationAndTheJoinLinkInDescription()
    {
        var @event = Event() with { Format = EventFormat.Hybrid };

        var entry = Parse(Files.Invite(@event, Registration(), ManageUrl, JoinUrl)).Events.Single();

        Assert.Equal("Leeds Civic Hall, Portland Crescent, Leeds LS1 1UR", entry.Location);
        Assert.Contains($"Join online: {JoinUrl}", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void InviteDescriptionHasTheSummaryTheEventPageAndTheManageLink()
    {
        var entry = Parse(Files.Invite(Event(), Registration(), ManageUrl, joinUrl: null)).Events.Single();

        Assert.Equal(
            "What worked, from people who did it.\n\nEvent page: https://events.example.test/events/making-good-things\n\nManage your registration: " + ManageUrl,
            entry.Description);
    }

    [Fact]
    public void AddEventsRegistersOneCalendarFilesForTheApp()
    {
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(Now))
            .Configure<SiteOptions>(o => o.BaseUrl = "https://events.example.test")
            .Configure<EmailOptions>(o => o.From = "events@goodthings.test")
            .AddEvents()
            .BuildServiceProvider();

        var first = services.GetRequiredService<CalendarFiles>();

        Assert.Same(first, services.GetRequiredService<CalendarFiles>());
        Assert.Equal("20261127T090000Z", RawCalendar.From(first.Feed([Event()])).Value("DTSTAMP"));
    }
}
