using GoodThings.CheckIn;
using GoodThings.Templates.Formatting;

namespace GoodThings.OrganiserConsole;

/// <summary>
/// The check-in page a confirmed person's QR code opens: who they are, and checking them in (or undoing it) through
/// <see cref="RegistrationService.CheckInAsync"/>, the same change the management API's check-in route makes.
/// </summary>
public sealed class ConsoleCheckIn(CheckInLinks links, EventStore store, RegistrationService registrations)
{
    /// <summary>The page for <paramref name="token"/>, or null when the token is not a good check-in token or names no registration.</summary>
    public async Task<ConsoleCheckInPage?> PageAsync(string token, ConsoleHeader header, CancellationToken cancellationToken)
    {
        if (links.Read(token) is not { } link
            || await store.GetAsync(link.EventId, cancellationToken) is not { } loaded
            || await store.GetRegistrationAsync(link.EventId, link.RegistrationId, cancellationToken) is not var (registration, _)
            || registration.AnonymisedAt is not null)
        {
            return null;
        }

        var @event = loaded.Event;
        return new ConsoleCheckInPage(
            header,
            registration.Name,
            @event.Title,
            EventTimes.Describe(@event.StartsAt, @event.EndsAt, @event.TimeZone),
            registration.Status.ToString(),
            registration.Status == RegistrationStatus.Confirmed,
            registration.CheckedInAt is { } at ? EventTimes.Moment(at, @event.TimeZone) : null,
            ConsoleRoutes.CheckInPath(token));
    }

    /// <summary>Checks the person in (or, with <paramref name="attended"/> false, undoes it); null when the token is not a good check-in token.</summary>
    public async Task<CheckInResult?> CheckInAsync(string token, bool attended, Actor actor, CancellationToken cancellationToken) =>
        links.Read(token) is { } link
            ? await registrations.CheckInAsync(link.EventId, link.RegistrationId, attended, actor, cancellationToken)
            : null;
}
