
namespace GoodThings.Registrations;

/// <summary>Asks for an event's waitlist to be promoted into its free seats; names no person.</summary>
public sealed record PromotionRequest(string EventId);

/// <summary>
/// Promotes waitlisted people, first come first served, inside the caller's event transaction. A change that frees
/// more seats than one transaction can fill also queues a <see cref="PromotionRequest"/> with its commit, and
/// <see cref="PromoteAllAsync"/> carries on from the queue: the rest of the line moves up even if the request that
/// freed the seats is gone.
/// </summary>
public sealed class Waitlist(EventStore store, TimeProvider time)
{
    /// <summary>Promotions one transaction can carry next to its other rows (3 rows each).</summary>
    public const int MaxPromotionsPerTransaction = 25;

    public const string QueueName = "promotions";

    /// <summary>How far down the line promotion looks for an invitee when only reserved seats are free.</summary>
    private const int InviteeLookAhead = 1000;

    /// <summary>
    /// Adds to <paramref name="change"/> the promotion of as many waitlisted people as free seats allow (at most
    /// <see cref="MaxPromotionsPerTransaction"/>), each with one "you're in" email, and returns the new counts. People go
    /// in the order they joined, except that a seat held for invitees passes over those who were not invited.
    /// </summary>
    public Task<EventCounts> PromoteAsync(EventRecord @event, EventCounts counts, EventWrite change, CancellationToken cancellationToken) =>
        PromoteAsync(@event, counts, change, queueTheRest: true, cancellationToken);

    private async Task<EventCounts> PromoteAsync(EventRecord @event, EventCounts counts, EventWrite change, bool queueTheRest, CancellationToken cancellationToken)
    {
        // Once the event has started, a place is no use to anyone waiting: nobody is promoted, nobody told they're in.
        if (@event.Status != EventStatus.Published || counts.Waitlisted <= 0 || @event.FreeSeats(counts, invitee: true) <= 0 || time.GetUtcNow() >= @event.StartsAt)
        {
            return counts;
        }

        var look = @event.ReservedSeats > 0 ? Math.Min(counts.Waitlisted, InviteeLookAhead) : Math.Min(counts.Waitlisted, MaxPromotionsPerTransaction);
        var promoted = 0;
        foreach (var (ticket, registrationId, invited) in await store.WaitlistAsync(@event.Id, look, cancellationToken))
        {
            if (promoted == MaxPromotionsPerTransaction || @event.FreeSeats(counts, invitee: true) <= 0)
            {
                break;
            }

            if (@event.FreeSeats(counts, invited) <= 0)
            {
                continue;
            }

            var loaded = await store.GetRegistrationAsync(@event.Id, registrationId, cancellationToken)
                         ?? throw new InvalidOperationException($"Waitlist ticket {ticket} of event {@event.Id} points at missing registration {registrationId}.");
            var promotion = loaded.Registration with { Status = RegistrationStatus.Confirmed, WaitlistTicket = null, PromotedAt = time.GetUtcNow() };
            change.Promote(loaded.Registration, promotion);
            change.Send(Outbox.QueueName, RegistrationEmails.Promotion(promotion));
            counts = counts with
            {
                Confirmed = counts.Confirmed + 1,
                Waitlisted = counts.Waitlisted - 1,
                ConfirmedInvitees = counts.ConfirmedInvitees + (invited ? 1 : 0),
            };
            promoted++;
        }

        if (queueTheRest && promoted == MaxPromotionsPerTransaction && counts.Waitlisted > 0 && @event.FreeSeats(counts, invitee: true) > 0)
        {
            change.Send(QueueName, new PromotionRequest(@event.Id));
        }

        return counts;
    }

    /// <summary>Whether someone in line could have a seat now: a newcomer then queues behind them rather than taking it.</summary>
    public static bool SomeoneWaitingCouldTakeASeat(EventRecord @event, EventCounts counts) =>
        counts.Waitlisted > 0 && @event.FreeSeats(counts, invitee: false) > 0;

    /// <summary>
    /// Fills every free seat from the line, a transaction at a time, until nobody who could have one is left waiting;
    /// running it again, or on two instances at once, promotes nobody twice.
    /// </summary>
    public async Task PromoteAllAsync(string eventId, CancellationToken cancellationToken)
    {
        var promoted = true;
        while (promoted)
        {
            promoted = await Optimistic.RetryAsync(
                async () =>
                {
                    if (await store.GetAsync(eventId, cancellationToken) is not { } loaded)
                    {
                        return false;
                    }

                    var change = new EventWrite();
                    // This loop carries on by itself, so it queues no further run.
                    var counts = await PromoteAsync(loaded.Event, loaded.Event.Counts, change, queueTheRest: false, cancellationToken);
                    if (counts == loaded.Event.Counts)
                    {
                        return false;
                    }

                    await store.CommitAsync(loaded, loaded.Event with { Counts = counts }, change, cancellationToken: cancellationToken);
                    return true;
                },
                cancellationToken);
        }
    }
}
