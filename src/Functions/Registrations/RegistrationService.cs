
namespace GoodThings.Registrations;

/// <summary>A registration as its holder sees it through their manage link.</summary>
public sealed record RegistrationView(EventRecord Event, RegistrationRecord Registration, int? WaitlistPosition, string Token)
{
    /// <summary>The join link, for confirmed attendees of events that have one; never anyone else.</summary>
    public string? JoinUrl =>
        Registration.Status == RegistrationStatus.Confirmed && Event.Status == EventStatus.Published && Event.Format != EventFormat.InPerson
            ? Event.OnlineUrl
            : null;

    public bool CanCancel(DateTimeOffset now) => Registration.Status != RegistrationStatus.Cancelled && now < Event.StartsAt;
}

public enum CancelResult
{
    Cancelled,
    AlreadyCancelled,
    NotFound,
    TooLate,
}

public enum PromoteResult
{
    Promoted,
    NotWaitlisted,
    NotFound,

    /// <summary>The event is over, or not published: a place in it is no use to anyone.</summary>
    TooLate,
}

public enum CheckInResult
{
    Done,
    NotFound,
    NotConfirmed,
}

public sealed class RegistrationService(
    EventStore store,
    Waitlist waitlist,
    TokenService tokens,
    TimeProvider time,
    RegistrationLanes lanes,
    AuditLog audit)
{
    public const string TokenPurpose = "registration";

    /// <summary>Manage links keep working this long after the event ends (then personal data is anonymised anyway).</summary>
    public static readonly TimeSpan TokenLifetimeAfterEvent = TimeSpan.FromDays(180);

    public string ManageToken(EventRecord @event, RegistrationRecord registration) =>
        tokens.Create(TokenPurpose, $"{registration.EventId}.{registration.Id}", Max(@event.EndsAt, time.GetUtcNow()) + TokenLifetimeAfterEvent);

    public async Task<RegistrationView?> GetByTokenAsync(string token, CancellationToken cancellationToken)
    {
        // An erased registration is only a count now: its link leads nowhere.
        if (ReadToken(token) is not var (eventId, registrationId) || await LoadAsync(eventId, registrationId, cancellationToken) is not var (loaded, record) ||
            record.AnonymisedAt is not null)
        {
            return null;
        }

        int? position = record.WaitlistTicket is { } ticket ? await store.WaitlistPositionAsync(eventId, ticket, cancellationToken) : null;
        return new RegistrationView(loaded.Event, record, position, token);
    }

    public Task<CancelResult> CancelByTokenAsync(string token, CancellationToken cancellationToken) =>
        ReadToken(token) is var (eventId, registrationId)
            ? CancelAsync(eventId, registrationId, cancellationToken)
            : Task.FromResult(CancelResult.NotFound);

    /// <summary>
    /// Cancels (idempotently, until the event starts) and gives the freed seat to the first waitlisted person. It takes
    /// its turn in the event's registration lane, so a registration spike on the same event cannot starve it.
    /// </summary>
    public Task<CancelResult> CancelAsync(string eventId, string registrationId, CancellationToken cancellationToken) =>
        CancelAsync(eventId, registrationId, erase: false, cancellationToken);

    /// <summary>An organiser's cancel (the console's): as <see cref="CancelAsync(string, string, CancellationToken)"/>, and recorded in the audit log when it cancelled.</summary>
    public async Task<CancelResult> CancelByOrganiserAsync(string eventId, string registrationId, Actor actor, CancellationToken cancellationToken)
    {
        var result = await CancelAsync(eventId, registrationId, erase: false, cancellationToken);
        if (result == CancelResult.Cancelled)
        {
            await audit.RecordAsync(actor, AuditActions.RegistrationCancelledByOrganiser, eventId: eventId, registrationId: registrationId);
        }

        return result;
    }

    /// <summary>
    /// Cancels for an erasure the person asked for: the seat goes to the waitlist as usual, but the person's details
    /// are erased in the same write and no cancellation email is queued. Erasing in a later write would leave a moment
    /// in which the relayed cancellation email could still find the address.
    /// </summary>
    public Task<CancelResult> CancelAndEraseAsync(string eventId, string registrationId, CancellationToken cancellationToken) =>
        CancelAsync(eventId, registrationId, erase: true, cancellationToken);

    /// <summary>
    /// Erases the details of registrations of one event in one write, each read afresh so a change since they were
    /// listed is not undone; already erased ones are left alone. At most 45 ids: two rows each, inside a batch's 100.
    /// </summary>
    /// <returns>False when there is no such event.</returns>
    public Task<bool> EraseAsync(string eventId, IReadOnlyCollection<string> registrationIds, CancellationToken cancellationToken) =>
        Optimistic.RetryAsync(
            async () =>
            {
                if (await store.GetAsync(eventId, cancellationToken) is not { } loaded)
                {
                    return false;
                }

                var change = new EventWrite();
                var now = time.GetUtcNow();
                var erased = 0;
                foreach (var registrationId in registrationIds)
                {
                    if (await store.GetRegistrationAsync(eventId, registrationId, cancellationToken) is ({ AnonymisedAt: null } registration, _))
                    {
                        change.Anonymise(registration, now);
                        erased++;
                    }
                }

                if (erased > 0)
                {
                    await store.CommitAsync(loaded, loaded.Event, change, cancellationToken: cancellationToken);
                }

                return true;
            },
            cancellationToken);

    private Task<CancelResult> CancelAsync(string eventId, string registrationId, bool erase, CancellationToken cancellationToken) =>
        lanes.InTurnAsync(eventId, () => CancelNowAsync(eventId, registrationId, erase, cancellationToken), cancellationToken);

    private async Task<CancelResult> CancelNowAsync(string eventId, string registrationId, bool erase, CancellationToken cancellationToken)
    {
        // Promptly, as the lane's batches retry: against other instances' batches it then stands the same chance.
        return await Optimistic.RetryPromptlyAsync(
            async () =>
            {
                if (await LoadAsync(eventId, registrationId, cancellationToken) is not var (loaded, registration))
                {
                    return CancelResult.NotFound;
                }

                var now = time.GetUtcNow();
                if (registration.Status == RegistrationStatus.Cancelled)
                {
                    return CancelResult.AlreadyCancelled;
                }

                if (now >= loaded.Event.StartsAt)
                {
                    return CancelResult.TooLate;
                }

                var change = new EventWrite();
                var cancelled = registration with { Status = RegistrationStatus.Cancelled, CancelledAt = now, WaitlistTicket = null };
                cancelled = erase ? cancelled.Anonymised(now) : cancelled;
                change.Cancel(registration, cancelled);
                var counts = loaded.Event.Counts;
                if (registration.WaitlistTicket is not null)
                {
                    counts = counts with { Waitlisted = counts.Waitlisted - 1 };
                }
                else
                {
                    // Attended counts confirmed people checked in: someone checked in early who then cancels leaves it.
                    counts = counts with
                    {
                        Confirmed = counts.Confirmed - 1,
                        Attended = counts.Attended - (registration.CheckedInAt is null ? 0 : 1),
                        ConfirmedInvitees = counts.ConfirmedInvitees - (registration.Invited ? 1 : 0),
                    };
                    counts = await waitlist.PromoteAsync(loaded.Event, counts, change, cancellationToken);
                }

                if (!erase)
                {
                    change.Send(Outbox.QueueName, RegistrationEmails.Cancellation(cancelled));
                }

                await store.CommitAsync(loaded, loaded.Event with { Counts = counts, UpdatedAt = now }, change, cancellationToken: cancellationToken);
                return CancelResult.Cancelled;
            },
            cancellationToken);
    }

    /// <summary>
    /// An organiser's manual promotion off the waitlist: an explicit override, as pretix's and Eventbrite's are, so it
    /// confirms the person even when that takes the event over capacity. Nobody else moves: the line is the waitlist
    /// rows in ticket order, so taking one row out moves everyone behind it up by one. The person gets the same
    /// "you're in" email as an automatic promotion (through the outbox, in the same transaction), and the log records
    /// who did it. It takes its turn in the event's registration lane, like a cancel.
    /// </summary>
    public async Task<PromoteResult> PromoteByOrganiserAsync(string eventId, string registrationId, Actor actor, CancellationToken cancellationToken)
    {
        var result = await lanes.InTurnAsync(eventId, () => PromoteNowAsync(eventId, registrationId, cancellationToken), cancellationToken);
        if (result == PromoteResult.Promoted)
        {
            await audit.RecordAsync(actor, AuditActions.RegistrationPromotedByOrganiser, eventId: eventId, registrationId: registrationId);
        }

        return result;
    }

    private Task<PromoteResult> PromoteNowAsync(string eventId, string registrationId, CancellationToken cancellationToken) =>
        Optimistic.RetryPromptlyAsync(
            async () =>
            {
                if (await LoadAsync(eventId, registrationId, cancellationToken) is not var (loaded, registration) || registration.AnonymisedAt is not null)
                {
                    return PromoteResult.NotFound;
                }

                if (registration.Status != RegistrationStatus.Waitlisted || registration.WaitlistTicket is null)
                {
                    return PromoteResult.NotWaitlisted;
                }

                var now = time.GetUtcNow();
                if (loaded.Event.Status != EventStatus.Published || now >= loaded.Event.EndsAt)
                {
                    return PromoteResult.TooLate;
                }

                var change = new EventWrite();
                var promoted = registration with { Status = RegistrationStatus.Confirmed, WaitlistTicket = null, PromotedAt = now };
                change.Promote(registration, promoted);
                // The automatic promotion's email, under the same idempotency key: one "you're in" per person, whoever promoted them.
                change.Send(Outbox.QueueName, RegistrationEmails.Promotion(promoted));
                var counts = loaded.Event.Counts;
                counts = counts with
                {
                    Confirmed = counts.Confirmed + 1,
                    Waitlisted = counts.Waitlisted - 1,
                    ConfirmedInvitees = counts.ConfirmedInvitees + (registration.Invited ? 1 : 0),
                };
                await store.CommitAsync(loaded, loaded.Event with { Counts = counts, UpdatedAt = now }, change, cancellationToken: cancellationToken);
                return PromoteResult.Promoted;
            },
            cancellationToken);

    /// <summary>Marks a confirmed attendee as attended, or (with <paramref name="attended"/> false) undoes it; idempotent.</summary>
    public async Task<CheckInResult> CheckInAsync(string eventId, string registrationId, bool attended, Actor actor, CancellationToken cancellationToken)
    {
        var committed = false;
        var result = await Optimistic.RetryAsync(
            async () =>
            {
                if (await LoadAsync(eventId, registrationId, cancellationToken) is not var (loaded, registration))
                {
                    return CheckInResult.NotFound;
                }

                if (registration.Status != RegistrationStatus.Confirmed)
                {
                    return CheckInResult.NotConfirmed;
                }

                if (registration.CheckedInAt is not null == attended)
                {
                    return CheckInResult.Done;
                }

                var now = time.GetUtcNow();
                var change = new EventWrite();
                var counts = loaded.Event.Counts;
                change.Update(registration with { CheckedInAt = attended ? now : null });
                counts = counts with { Attended = counts.Attended + (attended ? 1 : -1) };
                await store.CommitAsync(loaded, loaded.Event with { Counts = counts, UpdatedAt = now }, change, cancellationToken: cancellationToken);
                committed = true;
                return CheckInResult.Done;
            },
            cancellationToken);
        if (committed)
        {
            // Checking in twice changes nothing the second time, and records nothing either.
            await audit.RecordAsync(
                actor, attended ? AuditActions.RegistrationCheckedIn : AuditActions.RegistrationCheckInUndone, eventId: eventId, registrationId: registrationId);
        }

        return result;
    }

    private async Task<(LoadedEvent Event, RegistrationRecord Registration)?> LoadAsync(string eventId, string registrationId, CancellationToken cancellationToken)
    {
        var loaded = await store.GetAsync(eventId, cancellationToken);
        var found = await store.GetRegistrationAsync(eventId, registrationId, cancellationToken);
        return loaded is not null && found is var (registration, _) ? (loaded, registration) : null;
    }

    private (string EventId, string RegistrationId)? ReadToken(string token) =>
        tokens.Read(token, TokenPurpose)?.Split('.') is [var eventId, var registrationId] ? (eventId, registrationId) : null;

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
