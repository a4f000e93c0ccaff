namespace GoodThings.Events;

/// <summary>An event as the services see it (stored as the "event" row of the event's partition).</summary>
public sealed record EventRecord
{
    public required string Id { get; init; }

    public required string Slug { get; init; }

    public required string Title { get; init; }

    public string? Summary { get; init; }

    /// <summary>Markdown; raw HTML in it is never rendered.</summary>
    public string? Description { get; init; }

    public required DateTimeOffset StartsAt { get; init; }

    public required DateTimeOffset EndsAt { get; init; }

    /// <summary>IANA time zone, used wherever times are shown to people.</summary>
    public required string TimeZone { get; init; }

    public required EventFormat Format { get; init; }

    /// <summary>Required unless the event is online.</summary>
    public Venue? Venue { get; init; }

    /// <summary>Https join link; required unless in person; shown only to confirmed attendees.</summary>
    public string? OnlineUrl { get; init; }

    /// <summary>Null for unlimited.</summary>
    public int? Capacity { get; init; }

    /// <summary>Null means "when the event starts".</summary>
    public DateTimeOffset? RegistrationClosesAt { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<Speaker> Speakers { get; init; } = [];

    public FollowUpLinks? FollowUp { get; init; }

    public EventStatus Status { get; init; } = EventStatus.Draft;

    /// <summary>Invite-only events are listed nowhere, and only people holding an invitation can register.</summary>
    public EventVisibility Visibility { get; init; } = EventVisibility.Public;

    /// <summary>Seats only invitees can take; the rest of the capacity is open to anyone.</summary>
    public int ReservedSeats { get; init; }

    /// <summary>When organisers last nudged the invitees who have not answered; at most one nudge a day.</summary>
    public DateTimeOffset? InvitationsRemindedAt { get; init; }

    /// <summary>How many nudges have gone, so each has its own idempotency keys.</summary>
    public int InvitationReminders { get; init; }

    /// <summary>RFC 5545 SEQUENCE of the event's calendar entry: raised on every change attendees are told of.</summary>
    public int Sequence { get; init; }

    public string? CancellationReason { get; init; }

    /// <summary>Raised whenever the start or end moves; reminders go once per version of the time.</summary>
    public int TimeVersion { get; init; }

    /// <summary>What the event does on its own once published: reminders, follow-up, erasure (see <see cref="EventSchedule"/>).</summary>
    public IReadOnlyList<ScheduledItem> Schedule { get; init; } = [];

    public EventCounts Counts { get; init; } = new(0, 0, 0);

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset EffectiveRegistrationClosesAt => RegistrationClosesAt ?? StartsAt;

    /// <summary>Places anyone may still take (seats held for invitees not counted), or null for unlimited.</summary>
    public int? Remaining => Capacity is not null ? Math.Max(0, FreeSeats(Counts, invitee: false)) : null;

    /// <summary>Reserved seats no invitee has taken yet: nobody else may have them.</summary>
    public int HeldForInvitees(EventCounts counts) => Math.Max(0, ReservedSeats - counts.ConfirmedInvitees);

    /// <summary>Seats left for an invitee (any seat) or anyone else (the open ones), at <paramref name="counts"/>.</summary>
    public int FreeSeats(EventCounts counts, bool invitee) => Capacity is { } capacity
        ? capacity - counts.Confirmed - (invitee ? 0 : HeldForInvitees(counts))
        : int.MaxValue;

    public bool IsOpenForRegistration(DateTimeOffset now) =>
        Status == EventStatus.Published && now < EffectiveRegistrationClosesAt && now < EndsAt;

    /// <summary>What registering now would give: a place, a waitlist place, or nothing.</summary>
    public Availability AvailabilityAt(DateTimeOffset now, bool invitee = false) =>
        !IsOpenForRegistration(now) ? Availability.Closed
        : FreeSeats(Counts, invitee) <= 0 ? Availability.Waitlist
        : Availability.Open;
}

public enum EventFormat
{
    InPerson,
    Online,
    Hybrid,
}

public enum EventStatus
{
    Draft,
    Published,
    Cancelled,
}

public enum EventVisibility
{
    Public,
    InviteOnly,
}

public enum Availability
{
    Open,
    Waitlist,
    Closed,
}

public sealed record Venue(string Name, string? Address);

public sealed record Speaker(string Name, string? Role);

public sealed record FollowUpLinks(string? RecordingUrl, string? SlidesUrl, string? FeedbackUrl);

/// <param name="ConfirmedInvitees">Of the confirmed, those who came by invitation: they fill the reserved seats first.</param>
public sealed record EventCounts(int Confirmed, int Waitlisted, int Attended, int ConfirmedInvitees = 0);
