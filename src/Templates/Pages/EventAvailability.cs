using System.Globalization;

namespace GoodThings.Templates.Pages;

/// <summary>Whether people can register for an event now.</summary>
public enum EventAvailability
{
    /// <summary>Registering gets a place.</summary>
    Open,

    /// <summary>Fully booked: registering joins the waitlist.</summary>
    Waitlist,

    /// <summary>Registration has closed, or the event is cancelled or over.</summary>
    Closed,
}

internal static class Availability
{
    /// <summary>"Places available", "3 places left", "Fully booked – join the waitlist", "Registration closed".</summary>
    public static string Label(EventAvailability availability, int? placesLeft) => (availability, placesLeft) switch
    {
        (EventAvailability.Open, 1) => "1 place left",
        (EventAvailability.Open, > 1 and var left) => string.Create(CultureInfo.InvariantCulture, $"{left} places left"),
        (EventAvailability.Open, _) => "Places available",
        (EventAvailability.Waitlist, _) => "Fully booked – join the waitlist",
        _ => "Registration closed",
    };

    /// <summary>A CSS modifier: <c>availability--open</c>.</summary>
    public static string Modifier(EventAvailability availability) => availability switch
    {
        EventAvailability.Open => "open",
        EventAvailability.Waitlist => "waitlist",
        _ => "closed",
    };
}
