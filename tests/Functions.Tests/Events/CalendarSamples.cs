using System.Globalization;
using GoodThings.Site;
using Calendar = Ical.Net.Calendar;

namespace GoodThings.Events;

/// <summary>An event, a registrant and a calendar writer on a fixed clock, shared by the calendar file tests.</summary>
internal static class CalendarSamples
{
    public const string JoinUrl = "https://meet.example.test/j/123?pwd=secret";
    public const string ManageUrl = "https://events.example.test/registrations/tok3n";

    public static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The calendar writer: it keeps no state, so every test shares this one.</summary>
    public static CalendarFiles Files { get; } = new(
        Options.Create(new SiteOptions { BaseUrl = "https://events.example.test" }),
        Options.Create(new EmailOptions { From = "events@goodthings.test", FromName = "Good Things" }),
        new FakeTimeProvider(Now));

    public static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture);

    public static Calendar Parse(EmailAttachment attachment) => Calendar.Load(Encoding.UTF8.GetString(attachment.Content))!;

    public static EventRecord Event() => new()
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

    public static RegistrationRecord Registration() => new()
    {
        Id = "reg-1",
        EventId = "ev-0f3a9c",
        Name = "Ada Lovelace",
        Email = "ada@example.test",
        Status = RegistrationStatus.Confirmed,
    };
}
