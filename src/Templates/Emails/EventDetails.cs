using GoodThings.Templates.Formatting;

namespace GoodThings.Templates.Emails;

/// <summary>What an email says about an event; templates use <c>event.title</c>, <c>event.when</c>, <c>event.where</c>.</summary>
/// <param name="TimeZone">The event's IANA time zone; times are shown in it.</param>
/// <param name="Venue">Null for an online event.</param>
/// <param name="Url">The event's public page.</param>
/// <param name="Summary">A sentence or two about the event, for announcements.</param>
public sealed record EventDetails(
    string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone, EventFormat Format, Venue? Venue, string Url, string? Summary = null)
{
    /// <summary>"Tuesday 3 March 2026, 6:30pm to 8pm (London time, UTC)".</summary>
    public string When => EventTimes.Describe(StartsAt, EndsAt, TimeZone);

    /// <summary>"Tuesday 3 March 2026".</summary>
    public string Day => EventTimes.Day(StartsAt, TimeZone);

    /// <summary>The venue, "Online", or the venue "and online".</summary>
    public string Where => Venue.Where(Format, Venue);
}

public enum EventFormat
{
    InPerson,
    Online,
    Hybrid,
}

public sealed record Venue(string Name, string? Address = null)
{
    /// <summary>What pages and emails say for "where": the venue, "Online", or the venue "and online".</summary>
    internal static string Where(EventFormat format, Venue? venue) => (format, venue) switch
    {
        (EventFormat.Online, _) or (_, null) => "Online",
        (EventFormat.Hybrid, { } place) => $"{place.Describe()}, and online",
        (_, { } place) => place.Describe(),
    };

    internal string Describe() => string.IsNullOrWhiteSpace(Address) ? Name : $"{Name}, {Address}";
}
