
namespace GoodThings.Registrations;

/// <summary>The outbox messages about one registration, each with the idempotency key that names it.</summary>
public static class RegistrationEmails
{
    public const string Confirmed = "registration-confirmed";
    public const string Waitlisted = "registration-waitlisted";
    public const string Promoted = "waitlist-promoted";
    public const string Cancelled = "registration-cancelled";

    /// <summary>
    /// The confirmation or waitlist email; <paramref name="sequence"/> numbers re-sends. The waitlist position known
    /// when registering travels with the message, so sending it costs no scan of the waitlist.
    /// </summary>
    public static OutboxMessage Confirmation(RegistrationRecord registration, int sequence, int? waitlistPosition)
    {
        var message = Message(registration.Status == RegistrationStatus.Waitlisted ? Waitlisted : Confirmed, registration, $"confirmation:{sequence}");
        return waitlistPosition is { } position
            ? message with { References = new Dictionary<string, string>(message.References, StringComparer.Ordinal) { [PositionReference] = position.ToString(CultureInfo.InvariantCulture) } }
            : message;
    }

    public const string PositionReference = "waitlistPosition";

    public static OutboxMessage Promotion(RegistrationRecord registration) => Message(Promoted, registration, "promoted");

    public static OutboxMessage Cancellation(RegistrationRecord registration) => Message(Cancelled, registration, "cancelled");

    public const string Reminder = "event-reminder";
    public const string FollowUpThanks = "follow-up-thanks";
    public const string FollowUpMissed = "follow-up-missed";

    /// <summary>
    /// A scheduled email. A reminder is named by its time version, so a moved event reminds again; the follow-up by
    /// nothing more, so each person gets one follow-up, thanks or sorry, whatever happens.
    /// </summary>
    public static OutboxMessage Scheduled(string kind, RegistrationRecord registration, ScheduledItem item, bool withJoinLink)
    {
        var message = Message(kind, registration, item.Kind == ScheduledKind.Reminder ? $"{item.Name}:v{item.TimeVersion}" : item.Name);
        return message with
        {
            References = new Dictionary<string, string>(message.References, StringComparer.Ordinal)
            {
                [ScheduleReference] = item.Name,
                [TimeVersionReference] = item.TimeVersion.ToString(CultureInfo.InvariantCulture),
                [JoinLinkReference] = withJoinLink ? "true" : "false",
            },
        };
    }

    public const string ScheduleReference = "schedule";
    public const string TimeVersionReference = "timeVersion";
    public const string JoinLinkReference = "joinLink";

    // The address stays on the registration row: the composer reads it there, and nothing queued holds it.
    public static OutboxMessage Message(string kind, RegistrationRecord registration, string occasion) => new(
        kind,
        $"registration:{registration.Id}:{occasion}",
        To: null,
        ToName: null,
        new Dictionary<string, string> { ["eventId"] = registration.EventId, ["registrationId"] = registration.Id });
}
