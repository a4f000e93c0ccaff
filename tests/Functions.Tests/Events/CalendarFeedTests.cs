using Calendar = Ical.Net.Calendar;
using static GoodThings.Events.CalendarSamples;

namespace GoodThings.Events;

/// <summary>The public calendar feed: every event and its zones, and nothing about who comes or how they join.</summary>
public sealed class CalendarFeedTests
{
    [Fact]
    public void FeedPublishesEventsWithoutAttendeesOrJoinLinks()
    {
        var online = Event() with { Id = "ev-online", Slug = "online-one", Format = EventFormat.Online, Venue = null };
        var hybrid = Event() with { Id = "ev-hybrid", Slug = "hybrid-one", Format = EventFormat.Hybrid };

        var text = Files.Feed([online, hybrid]);

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

        var calendar = Calendar.Load(Files.Feed(events))!;

        Assert.Equal(["ev-1@goodthings", "ev-2@goodthings", "ev-3@goodthings", "ev-4@goodthings"], calendar.Events.Select(e => e.Uid));
        Assert.Equal(["Europe/London", "America/New_York", "Asia/Kolkata"], calendar.TimeZones.Select(z => z.TzId));
        Assert.Equal(events.Select(e => e.StartsAt.UtcDateTime), calendar.Events.Select(e => e.DtStart!.AsUtc));
        Assert.Equal("CANCELLED", calendar.Events.Last().Status);
    }

    [Fact]
    public void FeedOfNoEventsIsStillACalendar()
    {
        var raw = RawCalendar.From(Files.Feed([]));

        Assert.Equal(["BEGIN:VCALENDAR", "METHOD:PUBLISH", "PRODID:-//GoodThings//Events//EN", "VERSION:2.0", "END:VCALENDAR"], raw.Lines);
    }
}
