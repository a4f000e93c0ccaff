
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
            ? message with { References = new Dictionary<string, string>(message.References, StringComparer.Ordinal) { [PositionReference] = position.ToString(System.Globalization.CultureInfo.InvariantCulture) } }
            : message;
    }

    public const string PositionReference = "waitlistPosition";

    public static OutboxMessage Promotion(RegistrationRecord registration) => Message(Promoted, registration, "promoted");

    public static OutboxMessage Cancellation(RegistrationRecord registration) => Message(Cancelled, registration, "cancelled");

    public static OutboxMessage Message(string kind, RegistrationRecord registration, string occasion) => new(
        kind,
        $"registration:{registration.Id}:{occasion}",
        registration.Email,
        registration.Name,
        new Dictionary<string, string> { ["eventId"] = registration.EventId, ["registrationId"] = registration.Id });
}
