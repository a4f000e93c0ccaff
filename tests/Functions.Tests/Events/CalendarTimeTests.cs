using static GoodThings.Events.CalendarSamples;

namespace GoodThings.Events;

/// <summary>Calendar files state the event's instants exactly: in its own zone where a local time can say them, in UTC where not.</summary>
public sealed class CalendarTimeTests
{
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

        var attachment = Files.Invite(@event, Registration(), ManageUrl, JoinUrl);

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

        var raw = RawCalendar.From(Files.Invite(@event, Registration(), ManageUrl, JoinUrl).Content);

        // Read through the VTIMEZONE itself, as Outlook does (Ical.Net's reader looks the TZID up instead).
        Assert.Equal(@event.StartsAt, raw.Instant(raw.Properties("DTSTART").Single()));
        Assert.Equal(@event.EndsAt, raw.Instant(raw.Properties("DTEND").Single()));
    }

    [Theory]
    [MemberData(nameof(AwkwardStarts))]
    public void TimesAreExactWhereALocalTimeCannotSayThemByFallingBackToUtc(string timeZone, string startsAt)
    {
        var @event = Event() with { TimeZone = timeZone, StartsAt = At(startsAt), EndsAt = At(startsAt).AddMinutes(90) };

        var attachment = Files.Invite(@event, Registration(), ManageUrl, JoinUrl);

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

        var raw = RawCalendar.From(Files.Invite(@event, Registration(), ManageUrl, JoinUrl).Content);

        Assert.Equal("DTSTART:20271031T013000Z", raw.Properties("DTSTART").Single());
        Assert.Equal("DTEND:20271031T030000Z", raw.Properties("DTEND").Single());
        Assert.Equal(0, raw.Count("BEGIN:VTIMEZONE"));
    }
}
