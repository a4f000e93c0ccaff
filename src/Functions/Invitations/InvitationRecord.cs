namespace GoodThings.Invitations;

/// <summary>
/// One person invited to one event (an "inv|{address key}" row in the event's partition, so accepting moves with the
/// registration and the event's counts in one transaction).
/// </summary>
public sealed record InvitationRecord
{
    public required string EventId { get; init; }

    /// <summary>The hashed address (<see cref="AddressKey.Of"/>): one invitation per address and event.</summary>
    public required string Key { get; init; }

    public required string Name { get; init; }

    public required string Email { get; init; }

    public InvitationStatus Status { get; init; } = InvitationStatus.Pending;

    public DateTimeOffset InvitedAt { get; init; }

    public DateTimeOffset? RespondedAt { get; init; }

    /// <summary>The one-line reason someone gave for declining, if any.</summary>
    public string? DeclineReason { get; init; }

    /// <summary>The invite request's part this came in; its fan-out emails exactly the invitations it wrote.</summary>
    public required string Batch { get; init; }

    /// <summary>The organisers' message that went with the invitation ("msg|{id}" row), if any.</summary>
    public string? MessageId { get; init; }

    public bool HasAnswered => Status is InvitationStatus.Accepted or InvitationStatus.Declined;
}

/// <summary>What the invitee did. "Bounced" is not stored: it is read from the suppression list when asked.</summary>
public enum InvitationStatus
{
    Pending,
    Accepted,
    Declined,
}
