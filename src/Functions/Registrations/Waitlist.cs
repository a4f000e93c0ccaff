
namespace GoodThings.Registrations;

/// <summary>Promotes waitlisted people, first come first served, inside the caller's event transaction.</summary>
public sealed class Waitlist(EventStore store, TimeProvider time)
{
    /// <summary>Promotions one transaction can carry next to its other rows (3 rows each).</summary>
    public const int MaxPromotionsPerTransaction = 25;

    /// <summary>
    /// Adds to <paramref name="change"/> the promotion of as many waitlisted people as free seats allow (at most
    /// <see cref="MaxPromotionsPerTransaction"/>), each with one "you're in" email, and returns the new counts.
    /// </summary>
    public async Task<EventCounts> PromoteAsync(EventRecord @event, EventCounts counts, EventWrite change, CancellationToken cancellationToken)
    {
        var seats = @event.Capacity is { } capacity ? capacity - counts.Confirmed : int.MaxValue;
        var take = Math.Min(Math.Min(seats, counts.Waitlisted), MaxPromotionsPerTransaction);
        if (take <= 0 || @event.Status != EventStatus.Published)
        {
            return counts;
        }

        foreach (var (ticket, registrationId) in await store.WaitlistAsync(@event.Id, take, cancellationToken))
        {
            var loaded = await store.GetRegistrationAsync(@event.Id, registrationId, cancellationToken)
                         ?? throw new InvalidOperationException($"Waitlist ticket {ticket} of event {@event.Id} points at missing registration {registrationId}.");
            var promoted = loaded.Registration with { Status = RegistrationStatus.Confirmed, WaitlistTicket = null, PromotedAt = time.GetUtcNow() };
            change.Promote(loaded.Registration, promoted);
            change.Send(Outbox.QueueName, RegistrationEmails.Promotion(promoted));
            counts = counts with { Confirmed = counts.Confirmed + 1, Waitlisted = counts.Waitlisted - 1 };
        }

        return counts;
    }
}
