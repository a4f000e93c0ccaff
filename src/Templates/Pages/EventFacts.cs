using GoodThings.Templates.Emails;
using GoodThings.Templates.Formatting;

namespace GoodThings.Templates.Pages;

/// <summary>
/// What every page says about an event: <c>event.title</c>, <c>event.when</c>, <c>event.where</c>,
/// <c>event.path</c>. Links are site-relative paths built from the slug. There is deliberately no place
/// here for the online join link: only <see cref="RegistrationPage.JoinUrl"/> carries it.
/// </summary>
/// <param name="Slug">The event's slug (a–z, 0–9, <c>-</c>); escaped again here all the same.</param>
/// <param name="TimeZone">The event's IANA time zone; times are shown in it.</param>
/// <param name="Venue">Null for an online event.</param>
/// <param name="Summary">A sentence or two, for the home page and the top of the event page.</param>
public sealed record EventFacts(
    string Slug, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone, EventFormat Format, Venue? Venue, string? Summary = null)
{
    /// <summary>"/events/net-zero-locally": the event page, and where its form posts.</summary>
    public string Path => "/events/" + Uri.EscapeDataString(Slug);

    /// <summary>"/events/net-zero-locally.ics": the event's calendar file.</summary>
    public string CalendarPath => Path + ".ics";

    /// <summary>"Tuesday 3 March 2026, 6:30pm to 8pm (London time, UTC)".</summary>
    public string When => EventTimes.Describe(StartsAt, EndsAt, TimeZone);

    /// <summary>One line: the venue and its address, "Online", or the venue "and online".</summary>
    public string Where => Emails.Venue.Where(Format, Venue);

    /// <summary>The venue's name, or null when the event is online only.</summary>
    public string? VenueName => Format == EventFormat.Online ? null : Text.OrNull(Venue?.Name);

    public string? VenueAddress => Format == EventFormat.Online ? null : Text.OrNull(Venue?.Address);

    /// <summary>True for online and hybrid events: people can take part online.</summary>
    public bool IsOnline => Format != EventFormat.InPerson || VenueName is null;

    public bool HasSummary => Text.OrNull(Summary) is not null;
}
