using System.Globalization;
using System.Text;
using GoodThings.Email;
using GoodThings.Registrations;
using GoodThings.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;
using Calendar = Ical.Net.Calendar;

namespace GoodThings.Events;

public sealed class CalendarFilesTests
{
    private const string JoinUrl = "https://meet.example.test/j/123?pwd=secret";
    private const string ManageUrl = "https://events.example.test/registrations/tok3n";

    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    private readonly CalendarFiles _files = new(
        Options.Create(new SiteOptions { BaseUrl = "https://events.example.test" }),
        Options.Create(new EmailOptions { From = "events@goodthings.test", FromName = "Good Things" }),
        new FakeTimeProvider(Now));

    public static TheoryData<string, string> ZonedStarts => new()
    {
        { "Europe/London", "2027-07-14T18:30:00+01:00" },   // summer: BST
        { "Europe/London", "2027-01-20T18:30:00+00:00" },   // winter: GMT
        { "America/New_York", "2027-03-20T19:00:00-04:00" }, // the week after clocks go forward
        { "Asia/Kolkata", "2027-02-10T18:00:00+05:30" },    // a half-hour offset, no DST
    };

    /// <summary>Zones and times a local time plus Ical.Net's VTIMEZONE could get wrong, and some that are not zones.</summary>
    public static TheoryData<string, string> AwkwardStarts => new()
    {
        { "Europe/Dublin", "2027-01-20T18:30:00+00:00" },     // Irish winter time is a "negative" DST
        { "Europe/Dublin", "2027-07-14T18:30:00+01:00" },
        { "Africa/Casablanca", "2027-02-01T10:00:00+00:00" }, // Ramadan-based rules
        { "America/Santiago", "2027-04-10T12:00:00-03:00" },
        { "Europe/London", "2027-10-31T01:30:00+00:00" },     // the second 01:30 as clocks go back
        { "Europe/London", "2027-10-31T01:30:00+01:00" },     // the first
        { "Australia/Sydney", "2027-04-04T02:30:00+10:00" },
        { "Etc/UTC", "2027-05-05T09:00:00+00:00" },
        { "Not/AZone", "2027-05-05T09:00:00+00:00" },
    };

    [Theory]
    [MemberData(nameof(ZonedStarts))]
    public void InviteStartsAndEndsAtTheEventsInstantsInTheEventsZone(string timeZone, string startsAt)
    {
        var @event = Event() with { TimeZone = timeZone, StartsAt = At(startsAt), EndsAt = At(startsAt).AddHours(2) };

        var attachment = _files.Invite(@event, Registration(), ManageUrl, JoinUrl);

        var entry = Parse(attachment).Events.Single();
        Assert.Equal(timeZone, entry.DtStart!.TzId);
        Assert.Equal(@event.StartsAt.UtcDateTime, entry.DtStart.AsUtc);
        Assert.Equal(timeZone, entry.DtEnd!.TzId);
        Assert.Equal(@event.EndsAt.UtcDateTime, entry.DtEnd.AsUtc);
        var raw = RawCalendar.From(attachment.Content);
        Assert.StartsWith($"DTSTART;TZID={timeZone}:", raw.Properties("DTSTART").Single(), StringComparison.Ordinal);
        Assert.Equal(1, raw.Count($"TZID:{timeZone}"));
    }

    [Theory]
    [MemberData(nameof(ZonedStarts))]
    public void TimeZoneDefinitionInTheFileAgreesWithTheEvent(string timeZone, string startsAt)
    {
        var @event = Event() with { TimeZone = timeZone, StartsAt = At(startsAt), EndsAt = At(startsAt).AddHours(2) };

        var raw = RawCalendar.From(_files.Invite(@event, Registration(), ManageUrl, JoinUrl).Content);

        // Read through the VTIMEZONE itself, as Outlook does (Ical.Net's reader looks the TZID up instead).
        Assert.Equal(@event.StartsAt, raw.Instant(raw.Properties("DTSTART").Single()));
        Assert.Equal(@event.EndsAt, raw.Instant(raw.Properties("DTEND").Single()));
    }

    [Theory]
    [MemberData(nameof(AwkwardStarts))]
    public void TimesAreExactWhereALocalTimeCannotSayThemByFallingBackToUtc(string timeZone, string startsAt)
    {
        var @event = Event() with { TimeZone = timeZone, StartsAt = At(startsAt), EndsAt = At(startsAt).AddMinutes(90) };

        var attachment = _files.Invite(@event, Registration(), ManageUrl, JoinUrl);

        var raw = RawCalendar.From(attachment.Content);
        Assert.Equal(@event.StartsAt, raw.Instant(raw.Properties("DTSTART").Single()));
        Assert.Equal(@event.EndsAt, raw.Instant(raw.Properties("DTEND").Single()));
        var entry = Parse(attachment).Events.Single();
        Assert.Equal(@event.StartsAt.UtcDateTime, entry.DtStart!.AsUtc);
        Assert.Equal(@event.EndsAt.UtcDateTime, entry.DtEnd!.AsUtc);
        Assert.All(raw.Properties("DTSTART").Concat(raw.Properties("DTEND")), line =>
            Assert.True(line.EndsWith('Z') || line.StartsWith($"{line.Split(';', ':')[0]};TZID={timeZone}:", StringComparison.Ordinal), line));
    }

    [Fact]
    public void SecondOfARepeatedLocalTimeIsWrittenInUtc()
    {
        var @event = Event() with { TimeZone = "Europe/London", StartsAt = At("2027-10-31T01:30:00+00:00"), EndsAt = At("2027-10-31T03:00:00+00:00") };

        var raw = RawCalendar.From(_files.Invite(@event, Registration(), ManageUrl, JoinUrl).Content);

        Assert.Equal("DTSTART:20271031T013000Z", raw.Properties("DTSTART").Single());
        Assert.Equal("DTEND:20271031T030000Z", raw.Properties("DTEND").Single());
        Assert.Equal(0, raw.Count("BEGIN:VTIMEZONE"));
    }

    [Fact]
    public void UidStaysTheSameAcrossAnUpdateWhileSequenceRises()
    {
        var before = Event() with { Sequence = 0 };
        var after = before with { StartsAt = before.StartsAt.AddDays(1), EndsAt = before.EndsAt.AddDays(1), Sequence = 1 };

        var first = Parse(_files.Invite(before, Registration(), ManageUrl, JoinUrl)).Events.Single();
        var second = Parse(_files.Invite(after, Registration(), ManageUrl, JoinUrl)).Events.Single();

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

        var attachment = _files.Invite(@event, Registration(), ManageUrl, JoinUrl);

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

        var attachment = _files.Cancellation(@event, Registration());

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

        var entry = Parse(_files.Invite(@event, Registration(), ManageUrl, JoinUrl)).Events.Single();

        Assert.Equal(JoinUrl, entry.Location);
        Assert.Contains($"Join online: {JoinUrl}", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void InviteWithoutAJoinLinkNeverMentionsTheOnlineUrl()
    {
        var @event = Event() with { Format = EventFormat.Online, Venue = null };

        var attachment = _files.Invite(@event, Registration(), ManageUrl, joinUrl: null);

        Assert.Equal("Online", Parse(attachment).Events.Single().Location);
        Assert.DoesNotContain("meet.example.test", RawCalendar.From(attachment.Content).Text, StringComparison.Ordinal);
    }

    [Fact]
    public void HybridInviteKeepsTheVenueAsLocationAndTheJoinLinkInDescription()
    {
        var @event = Event() with { Format = EventFormat.Hybrid };

        var entry = Parse(_files.Invite(@event, Registration(), ManageUrl, JoinUrl)).Events.Single();

        Assert.Equal("Leeds Civic Hall, Portland Crescent, Leeds LS1 1UR", entry.Location);
        Assert.Contains($"Join online: {JoinUrl}", entry.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void InviteDescriptionHasTheSummaryTheEventPageAndTheManageLink()
    {
        var entry = Parse(_files.Invite(Event(), Registration(), ManageUrl, joinUrl: null)).Events.Single();

        Assert.Equal(
            "What worked, from people who did it.\n\nEvent page: https://events.example.test/events/making-good-things\n\nManage your registration: " + ManageUrl,
            entry.Description);
    }

    [Fact]
    public void FeedPublishesEventsWithoutAttendeesOrJoinLinks()
    {
        var online = Event() with { Id = "ev-online", Slug = "online-one", Format = EventFormat.Online, Venue = null };
        var hybrid = Event() with { Id = "ev-hybrid", Slug = "hybrid-one", Format = EventFormat.Hybrid };

        var text = _files.Feed([online, hybrid]);

        var raw = RawCalendar.From(text);
        Assert.Equal("PUBLISH", raw.Value("METHOD"));
        Assert.Empty(raw.Properties("ATTENDEE"));
        Assert.DoesNotContain("meet.example.test", text, StringComparison.Ordinal);
        var calendar = Calendar.Load(text)!;
        Assert.Equal(["Online", "Leeds Civic Hall, Portland Crescent, Leeds LS1 1UR"], calendar.Events.Select(e => e.Location));
        Assert.All(calendar.Events, e => Assert.Equal("CONFIRMED", e.Status));
    }

    [Fact]
    public void FeedHasOneEntryPerEventAndOneTimeZonePerDistinctZone()
    {
        var events = new[]
        {
            Event() with { Id = "ev-1", Slug = "one", TimeZone = "Europe/London" },
            Event() with { Id = "ev-2", Slug = "two", TimeZone = "America/New_York" },
            Event() with { Id = "ev-3", Slug = "three", TimeZone = "Europe/London", StartsAt = At("2027-01-20T18:30:00Z"), EndsAt = At("2027-01-20T20:30:00Z") },
            Event() with { Id = "ev-4", Slug = "four", TimeZone = "Asia/Kolkata", Status = EventStatus.Cancelled },
        };

        var calendar = Calendar.Load(_files.Feed(events))!;

        Assert.Equal(["ev-1@goodthings", "ev-2@goodthings", "ev-3@goodthings", "ev-4@goodthings"], calendar.Events.Select(e => e.Uid));
        Assert.Equal(["Europe/London", "America/New_York", "Asia/Kolkata"], calendar.TimeZones.Select(z => z.TzId));
        Assert.Equal(events.Select(e => e.StartsAt.UtcDateTime), calendar.Events.Select(e => e.DtStart!.AsUtc));
        Assert.Equal("CANCELLED", calendar.Events.Last().Status);
    }

    [Fact]
    public void FeedOfNoEventsIsStillACalendar()
    {
        var raw = RawCalendar.From(_files.Feed([]));

        Assert.Equal(["BEGIN:VCALENDAR", "METHOD:PUBLISH", "PRODID:-//GoodThings//Events//EN", "VERSION:2.0", "END:VCALENDAR"], raw.Lines);
    }

    [Fact]
    public void HostileTextCannotAddPropertiesOrComponents()
    {
        var @event = Event() with
        {
            Title = "Talk\r\nATTENDEE:mailto:evil@x.test\r\nEND:VEVENT",
            Summary = "Line one\nBEGIN:VALARM\rX-INJECTED:1\u2028X-ALSO:2\u0000\u001b",
            Venue = new Venue("Hall\r\nURL:https://evil.test", "1 Road;\nLOCATION:elsewhere"),
        };
        var registration = Registration() with { Name = "Eve \"Quote\"\r\nX-EVIL:1;CN=x:mailto:evil@x.test", Email = "eve@example.test\r\nX-EVIL:2" };

        var attachment = _files.Invite(@event, registration, ManageUrl, JoinUrl);

        var raw = RawCalendar.From(attachment.Content);
        Assert.All(raw.Lines, line => Assert.Matches("^[A-Z][A-Z0-9-]*[;:]", line));
        Assert.DoesNotContain(raw.Lines, line => line.StartsWith("X-", StringComparison.Ordinal) && !line.StartsWith("X-LIC-LOCATION:", StringComparison.Ordinal));
        Assert.Single(raw.Properties("ATTENDEE"));
        Assert.Single(raw.Properties("URL"));
        Assert.Single(raw.Properties("LOCATION"));
        Assert.Equal(1, raw.Count("BEGIN:VEVENT"));
        Assert.Equal(1, raw.Count("END:VEVENT"));
        Assert.Equal(0, raw.Count("BEGIN:VALARM"));
        var entry = Parse(attachment).Events.Single();
        Assert.Equal("Talk ATTENDEE:mailto:evil@x.test END:VEVENT", entry.Summary);
        Assert.Equal("Eve 'Quote' X-EVIL:1;CN=x:mailto:evil@x.test", Assert.Single(entry.Attendees).CommonName);
        Assert.Equal("https://events.example.test/events/making-good-things", entry.Url!.AbsoluteUri);
    }

    [Fact]
    public void TextSpecialCharactersAreEscapedAndReadBackUnchanged()
    {
        var @event = Event() with { Title = @"Costs, benefits; and C:\paths\n too" };

        var attachment = _files.Invite(@event, Registration(), ManageUrl, JoinUrl);

        Assert.Equal(@"SUMMARY:Costs\, benefits\; and C:\\paths\\n too", RawCalendar.From(attachment.Content).Properties("SUMMARY").Single());
        Assert.Equal(@event.Title, Parse(attachment).Events.Single().Summary);
    }

    [Fact]
    public void LongAndNonLatinTextIsFoldedAt75OctetsWithCrlfAndNoBrokenCharacters()
    {
        var title = string.Concat(Enumerable.Repeat("Good things 😀 \u202Eمرحبا\u202C ", 500))[..10_000];
        var @event = Event() with { Title = title, Summary = title };

        var attachment = _files.Invite(@event, Registration() with { Name = title }, ManageUrl, JoinUrl);

        var text = Encoding.UTF8.GetString(attachment.Content);
        Assert.DoesNotContain('\uFFFD', text);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var lines = text[..^2].Split("\r\n");
        Assert.All(lines, line => Assert.InRange(Encoding.UTF8.GetByteCount(line), 1, 75));
        Assert.All(lines, line => Assert.DoesNotContain('\n', line));
        Assert.All(lines, line => Assert.DoesNotContain('\r', line));
        var entry = Parse(attachment).Events.Single();
        Assert.Equal(title.Trim(), entry.Summary);
        Assert.Equal(title.Trim(), Assert.Single(entry.Attendees).CommonName);
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

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    private static Calendar Parse(EmailAttachment attachment) => Calendar.Load(Encoding.UTF8.GetString(attachment.Content))!;

    private static EventRecord Event() => new()
    {
        Id = "ev-0f3a9c",
        Slug = "making-good-things",
        Title = "Making good things happen",
        Summary = "What worked, from people who did it.",
        StartsAt = At("2027-07-14T18:30:00+01:00"),
        EndsAt = At("2027-07-14T20:30:00+01:00"),
        TimeZone = "Europe/London",
        Format = EventFormat.InPerson,
        Venue = new Venue("Leeds Civic Hall", "Portland Crescent\nLeeds LS1 1UR"),
        OnlineUrl = "https://meet.example.test/j/123?pwd=secret",
        Status = EventStatus.Published,
    };

    private static RegistrationRecord Registration() => new()
    {
        Id = "reg-1",
        EventId = "ev-0f3a9c",
        Name = "Ada Lovelace",
        Email = "ada@example.test",
        Status = RegistrationStatus.Confirmed,
    };
}
