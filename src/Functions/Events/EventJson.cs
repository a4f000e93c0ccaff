namespace GoodThings.Events;

/// <summary>The event as organisers see it through the management API.</summary>
public sealed record ManagedEventResponse(
    string Id, string Slug, string Title, string? Summary, string? Description,
    DateTime StartsAt, DateTime EndsAt, string TimeZone,
    string Format, Venue? Venue, string? OnlineUrl,
    int? Capacity, DateTime RegistrationClosesAt,
    IReadOnlyList<string> Tags, IReadOnlyList<Speaker> Speakers, FollowUpLinks? FollowUp,
    string Status, string? CancellationReason, ManagedCounts Counts,
    IReadOnlyList<ScheduledItemResponse> Schedule,
    DateTime CreatedAt, DateTime UpdatedAt,
    string Visibility, InvitationSettings Invitations);

/// <param name="ReservedSeats">Seats only invitees can take.</param>
/// <param name="HeldForInvitees">Of those, the ones no invitee has taken yet.</param>
/// <param name="RemindedAt">When the invitees who had not answered were last nudged.</param>
public sealed record InvitationSettings(int ReservedSeats, int HeldForInvitees, DateTime? RemindedAt);

/// <summary>One item of an event's schedule: what goes out (or is erased) when, and to how many.</summary>
/// <param name="Before">For a reminder: how long before the start, as <c>hh:mm:ss</c>.</param>
/// <param name="Recipients">How many it went to (for the erasure: registrations erased); null until it goes.</param>
public sealed record ScheduledItemResponse(string Kind, string? Before, DateTime DueAt, string Status, int? Recipients);

/// <param name="Remaining">Places anyone may still take, seats held for invitees not counted; null for unlimited.</param>
/// <param name="ConfirmedInvitees">Of the confirmed, those who accepted an invitation.</param>
public sealed record ManagedCounts(int Confirmed, int Waitlisted, int Attended, int? Remaining, int ConfirmedInvitees);

/// <summary>The event as the public API shows it: never the online link, never registrants.</summary>
public sealed record PublicEventResponse(
    string Slug, string Title, string? Summary, string? Description,
    DateTime StartsAt, DateTime EndsAt, string TimeZone,
    string Format, Venue? Venue,
    int? Capacity, DateTime RegistrationClosesAt,
    IReadOnlyList<string> Tags, IReadOnlyList<Speaker> Speakers,
    string Status, string Availability, PublicCounts Counts, string Visibility);

public sealed record PublicCounts(int? Remaining);

/// <summary>Maps events to their JSON shapes: camelCase names for enums, UTC ("Z") for times.</summary>
public static class EventJson
{
    public static string FormatName(EventFormat format) => format switch
    {
        EventFormat.InPerson => "inPerson",
        EventFormat.Online => "online",
        _ => "hybrid",
    };

    public static string Camel<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    public static ManagedEventResponse Managed(EventRecord e) => new(
        e.Id, e.Slug, e.Title, e.Summary, e.Description, e.StartsAt.UtcDateTime, e.EndsAt.UtcDateTime, e.TimeZone, FormatName(e.Format),
        e.Venue, e.OnlineUrl, e.Capacity, e.EffectiveRegistrationClosesAt.UtcDateTime, e.Tags, e.Speakers, e.FollowUp, Camel(e.Status),
        e.CancellationReason, new ManagedCounts(e.Counts.Confirmed, e.Counts.Waitlisted, e.Counts.Attended, e.Remaining, e.Counts.ConfirmedInvitees),
        [.. e.Schedule.Select(item => new ScheduledItemResponse(
            Camel(item.Kind), item.Before is { } before ? Scheduling.Duration.Format(before) : null, item.DueAt.UtcDateTime, Camel(item.Status), item.Recipients))],
        e.CreatedAt.UtcDateTime, e.UpdatedAt.UtcDateTime,
        Camel(e.Visibility), new InvitationSettings(e.ReservedSeats, e.HeldForInvitees(e.Counts), e.InvitationsRemindedAt?.UtcDateTime));

    public static PublicEventResponse Public(EventRecord e, DateTimeOffset now) => new(
        e.Slug, e.Title, e.Summary, e.Description, e.StartsAt.UtcDateTime, e.EndsAt.UtcDateTime, e.TimeZone, FormatName(e.Format),
        e.Venue, e.Capacity, e.EffectiveRegistrationClosesAt.UtcDateTime, e.Tags, e.Speakers, Camel(e.Status),
        Camel(e.AvailabilityAt(now)), new PublicCounts(e.Remaining), Camel(e.Visibility));
}
