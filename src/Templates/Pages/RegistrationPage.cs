namespace GoodThings.Templates.Pages;

/// <summary>
/// <c>GET /registrations/{token}</c>: one person's registration, with a button to cancel it.
/// </summary>
/// <param name="Token">The signed manage token from the address; the cancel form posts to <c>/registrations/{token}/cancel</c>.</param>
/// <param name="Name">The name the person registered with.</param>
[Template("Registration")]
public sealed record RegistrationPage(EventFacts Event, string Token, string Name, AttendeeStatus Status) : IPageModel
{
    /// <summary>1 for the first person waiting; shown while <see cref="Status"/> is Waitlisted.</summary>
    public int? WaitlistPosition { get; init; }

    /// <summary>
    /// The online join link. Set it only for a confirmed attendee of an online or hybrid event: the page
    /// shows whatever it is given. Must be absolute https (or http).
    /// </summary>
    public string? JoinUrl { get; init; }

    /// <summary>Shows the cancel button: the registration is active and the event has not started.</summary>
    public bool CanCancel { get; init; }

    /// <summary>The event itself is cancelled: says so, and hides the join link, calendar link and cancel button.</summary>
    public bool EventCancelled { get; init; }

    /// <summary>What the person just did, confirmed in a banner at the top of the page.</summary>
    public RegistrationNotice Notice { get; init; }

    public string Title => "Your registration: " + Event.Title;

    /// <summary>"/registrations/{token}/cancel".</summary>
    public string CancelPath => "/registrations/" + Uri.EscapeDataString(Token) + "/cancel";

    public bool IsConfirmed => Status == AttendeeStatus.Confirmed;

    public bool IsWaitlisted => Status == AttendeeStatus.Waitlisted;

    public bool IsCancelled => Status == AttendeeStatus.Cancelled;

    public bool ShowJoinLink => JoinUrl is not null && IsConfirmed && !EventCancelled;

    public bool ShowCancelForm => CanCancel && !IsCancelled && !EventCancelled;

    /// <summary>Only someone with a place is offered the calendar file: a waitlisted person may never get one.</summary>
    public bool ShowCalendarLink => IsConfirmed && !EventCancelled;

    /// <summary>A CSS modifier: <c>status--confirmed</c>.</summary>
    public string StatusModifier => Status switch
    {
        AttendeeStatus.Confirmed => "confirmed",
        AttendeeStatus.Waitlisted => "waitlisted",
        _ => "cancelled",
    };

    /// <summary>The banner the template words: <c>registered</c>, <c>waitlisted</c>, <c>already-registered</c>, <c>cancelled</c>; null for none.</summary>
    public string? NoticeKind => Notice switch
    {
        RegistrationNotice.Registered => "registered",
        RegistrationNotice.Waitlisted => "waitlisted",
        RegistrationNotice.AlreadyRegistered => "already-registered",
        RegistrationNotice.Cancelled => "cancelled",
        _ => null,
    };
}

public enum AttendeeStatus
{
    Confirmed,
    Waitlisted,
    Cancelled,
}

/// <summary>The outcome the person has just reached, shown in a banner.</summary>
public enum RegistrationNotice
{
    None,

    /// <summary>"You're registered. We've emailed your confirmation."</summary>
    Registered,

    /// <summary>"You're on the waitlist. We've emailed you the details."</summary>
    Waitlisted,

    /// <summary>They registered again with the same email address: "You're already registered for this event."</summary>
    AlreadyRegistered,

    /// <summary>"Your registration is cancelled."</summary>
    Cancelled,
}
