namespace GoodThings.CheckIn;

/// <summary>What a check-in link's token names: the event and the registration to check in.</summary>
public sealed record CheckInLink(string EventId, string RegistrationId);

/// <summary>
/// The link in a confirmed person's QR code: <c>/console/check-in/{token}</c>, the token signed with purpose
/// <c>check-in</c>, so a manage or invitation token never opens the check-in page and a check-in token never
/// manages a registration. It is valid until a day after the event ends: long enough for a late arrival, an event
/// that overruns, or organisers who tick off the last people the morning after; short enough that a code left in a
/// forwarded email or a photo stops working soon after. A moved event is reminded again (a reminder is named by the
/// event's time version), and that reminder carries a code valid for the new end.
/// </summary>
public sealed class CheckInLinks(TokenService tokens, IOptions<SiteOptions> site)
{
    public const string TokenPurpose = "check-in";

    public static readonly TimeSpan LifetimeAfterEvent = TimeSpan.FromDays(1);

    public string Token(EventRecord @event, RegistrationRecord registration) =>
        tokens.Create(TokenPurpose, $"{@event.Id}.{registration.Id}", @event.EndsAt + LifetimeAfterEvent);

    /// <returns>The event and registration, or null when the token is malformed, tampered with, expired or for another purpose.</returns>
    public CheckInLink? Read(string? token) =>
        tokens.Read(token, TokenPurpose)?.Split('.') is [var eventId, var registrationId] ? new CheckInLink(eventId, registrationId) : null;

    /// <summary>The organisers' check-in page for this token, absolute so a phone's camera opens it.</summary>
    public string Url(string token) => site.Value.Link($"console/check-in/{Uri.EscapeDataString(token)}");
}
