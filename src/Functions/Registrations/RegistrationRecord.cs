namespace GoodThings.Registrations;

/// <summary>One person's registration for one event (a "reg|{id}" row in the event's partition).</summary>
public sealed record RegistrationRecord
{
    public required string Id { get; init; }

    public required string EventId { get; init; }

    public RegistrationStatus Status { get; init; }

    public required string Name { get; init; }

    /// <summary>As given, trimmed; compared case-insensitively.</summary>
    public required string Email { get; init; }

    public string? Organisation { get; init; }

    public string? AccessibilityNeeds { get; init; }

    /// <summary>Ticket in the waitlist queue (first come, first served); set while waitlisted.</summary>
    public long? WaitlistTicket { get; init; }

    public DateTimeOffset RegisteredAt { get; init; }

    /// <summary>When a waitlisted registration was confirmed; null for one confirmed at once.</summary>
    public DateTimeOffset? PromotedAt { get; init; }

    public DateTimeOffset? CancelledAt { get; init; }

    public DateTimeOffset? CheckedInAt { get; init; }

    /// <summary>How many confirmation (or waitlist) emails were sent, so a re-sent one has its own idempotency key.</summary>
    public int ConfirmationsSent { get; init; }

    public DateTimeOffset? LastConfirmationAt { get; init; }

    /// <summary>Registered through an invitation: may take a reserved seat, and counts towards them while confirmed.</summary>
    public bool Invited { get; init; }

    /// <summary>Set when retention erased the person's details; the row then only counts.</summary>
    public DateTimeOffset? AnonymisedAt { get; init; }

    /// <summary>Since when the person has held a confirmed place.</summary>
    public DateTimeOffset ConfirmedSince => PromotedAt ?? RegisteredAt;

    /// <summary>The row with the person's details erased; it stays, to count.</summary>
    public RegistrationRecord Anonymised(DateTimeOffset now) =>
        this with { Name = "", Email = "", Organisation = null, AccessibilityNeeds = null, AnonymisedAt = now };
}

public enum RegistrationStatus
{
    Confirmed,
    Waitlisted,
    Cancelled,
}
