
namespace GoodThings.Events;

/// <summary>An organiser's message to some of an event's registrants.</summary>
public sealed record OrganiserMessageRecord(string Id, string EventId, string Subject, string Body, string Audience);

public sealed class OrganiserMessages(EventStore store, TimeProvider time)
{
    /// <summary>Stores the message and, in the same transaction, the fan-out that emails each chosen registrant once.</summary>
    /// <returns>How many registrants it will reach.</returns>
    public async Task<Outcome<int>> SendAsync(string eventId, string subject, string body, string audience, CancellationToken cancellationToken)
    {
        var messageId = Guid.NewGuid().ToString("N");
        return await Optimistic.RetryAsync(
            async () =>
            {
                if (await store.GetAsync(eventId, cancellationToken) is not { } loaded)
                {
                    return Outcome.NotFound<int>();
                }

                var recipients = (await store.ListRegistrationsAsync(eventId, cancellationToken)).Count(r => EventFanOut.InAudience(r, audience));
                var write = new EventWrite();
                var now = time.GetUtcNow();
                write.AddMessage(new OrganiserMessageRecord(messageId, eventId, subject, body, audience), now);
                write.Send(EventFanOut.QueueName, new FanOutRequest(EventFanOut.OrganiserMessage, eventId, loaded.Event.Sequence, messageId, audience));
                await store.CommitAsync(loaded, loaded.Event with { UpdatedAt = now }, write, cancellationToken: cancellationToken);
                return (Outcome<int>)recipients;
            },
            cancellationToken);
    }
}
