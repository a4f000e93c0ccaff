namespace GoodThings.Templates.Pages;

/// <summary>
/// <c>GET /events/{slug}</c>: the event and, while registration is open, a form that posts back to the
/// same address and works without JavaScript. After an invalid POST, render it again with
/// <see cref="Form"/> holding what was typed and the errors.
/// </summary>
/// <param name="Availability">
/// Open or Waitlist shows the form ("Register" or "Join the waitlist"); Closed shows a message instead.
/// </param>
[Template("Event")]
public sealed record EventPage(EventFacts Event, EventAvailability Availability) : IPageModel
{
    /// <summary>Places not yet taken, or null when the event has no capacity limit.</summary>
    public int? PlacesLeft { get; init; }

    /// <summary>Markdown from the organisers; raw HTML in it is shown as text.</summary>
    public string? Description { get; init; }

    public IReadOnlyList<EventSpeaker> Speakers { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The event will not go ahead: a notice replaces the form and the calendar link.</summary>
    public bool IsCancelled { get; init; }

    /// <summary>Why, in the organisers' words; shown when <see cref="IsCancelled"/>.</summary>
    public string? CancellationReason { get; init; }

    public RegistrationForm Form { get; init; } = RegistrationForm.Empty;

    /// <summary>The event's title, with "Error: " in front while the form has errors (so screen readers hear it first).</summary>
    public string Title => Form.HasErrors ? "Error: " + Event.Title : Event.Title;

    public string AvailabilityLabel => IsCancelled ? "Cancelled" : Pages.Availability.Label(Availability, PlacesLeft);

    public string AvailabilityModifier => IsCancelled ? "closed" : Pages.Availability.Modifier(Availability);

    public bool HasDescription => Text.OrNull(Description) is not null;

    public bool HasCancellationReason => Text.OrNull(CancellationReason) is not null;

    /// <summary>True when the form is shown: registration is open (places or waitlist) and the event is not cancelled.</summary>
    public bool CanRegister => !IsCancelled && Availability != EventAvailability.Closed;

    public bool IsWaitlist => Availability == EventAvailability.Waitlist;
}

/// <param name="Role">"Head of Net Zero, Leeds City Council"; optional.</param>
public sealed record EventSpeaker(string Name, string? Role = null)
{
    public bool HasRole => Text.OrNull(Role) is not null;
}
