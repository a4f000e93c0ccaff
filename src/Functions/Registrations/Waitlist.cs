
namespace GoodThings.Registrations;

/// <summary>Promotes waitlisted people, first come first served, inside the caller's event transaction.</summary>
public sealed class Waitlist(EventStore store, TimeProvider time)
{
    /// <summary>Promotions one transaction can carry next to its other rows (3 rows each).</summary>
    public const int MaxPromotionsPerTransaction = 25;

    /// <summary>How far down the line promotion looks for an invitee when only reserved seats are free.</summary>
    private const int InviteeLookAhead = 1000;

    /// <summary>
    /// Adds to <paramref name="change"/> the promotion of as many waitlisted people as free seats allow (at most
    /// <see cref="MaxPromotionsPerTransaction"/>), each with one "you're in" email, and returns the new counts. People go
    /// in the order they joined, except that a seat held for invitees passes over those who were not invited.
    /// </summary>
    public async Task<EventCounts> PromoteAsync(EventRecord @event, EventCounts counts, EventWrite change, CancellationToken cancellationToken)
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

        return counts;
    }
}
