namespace GoodThings.Templates.Pages;

/// <summary>One event in the home page's list.</summary>
/// <param name="PlacesLeft">Places not yet taken, or null when the event has no capacity limit.</param>
public sealed record EventCard(EventFacts Event, EventAvailability Availability, int? PlacesLeft = null)
{
    /// <summary>"Places available", "3 places left", "Fully booked – join the waitlist", "Registration closed".</summary>
    public string AvailabilityLabel => Pages.Availability.Label(Availability, PlacesLeft);

    public string AvailabilityModifier => Pages.Availability.Modifier(Availability);
}
