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

    /// <summary>Invite-only: listed nowhere, and without <see cref="Invitation"/> the page shows no form but says how to ask for one.</summary>
    public bool IsInviteOnly { get; init; }

    /// <summary>
    /// The personal invitation the page was opened with (the "Accept" link): the form is addressed to the invitee,
    /// with <see cref="Form"/> holding their name and address, and the address locked.
    /// </summary>
    public InvitationToken? Invitation { get; init; }

    public bool IsInvited => Invitation is not null;

    /// <summary>Invite-only, open, and opened without an invitation: the page explains how to ask for one.</summary>
    public bool NeedsInvitation => IsInviteOnly && !IsInvited && !IsCancelled && Availability != EventAvailability.Closed;

    /// <summary>The event's title, with "Error: " in front while the form has errors (so screen readers hear it first).</summary>
    public string Title => Form.HasErrors ? "Error: " + Event.Title : Event.Title;

    public string AvailabilityLabel => IsCancelled ? "Cancelled" : Pages.Availability.Label(Availability, PlacesLeft);

    public string AvailabilityModifier => IsCancelled ? "closed" : Pages.Availability.Modifier(Availability);

    public bool HasDescription => Text.OrNull(Description) is not null;

    public bool HasCancellationReason => Text.OrNull(CancellationReason) is not null;

    /// <summary>
    /// True when the form is shown: registration is open (places or waitlist), the event is not cancelled, and an
    /// invite-only event was opened with an invitation.
    /// </summary>
    public bool CanRegister => !IsCancelled && Availability != EventAvailability.Closed && !NeedsInvitation;

    public bool IsWaitlist => Availability == EventAvailability.Waitlist;
}

/// <summary>An invitation's token, carried by the form as a hidden field, and the way to decline instead.</summary>
public sealed record InvitationToken(string Token)
{
    /// <summary>The hidden field's name.</summary>
    public const string Field = "invitation";

    public string DeclinePath => InvitationPaths.Decline(Token);
}

/// <param name="Role">"Head of Net Zero, Leeds City Council"; optional.</param>
public sealed record EventSpeaker(string Name, string? Role = null)
{
    public bool HasRole => Text.OrNull(Role) is not null;
}
