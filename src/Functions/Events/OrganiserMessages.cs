
namespace GoodThings.Events;

/// <summary>An organiser's message to some of an event's registrants.</summary>
public sealed record OrganiserMessageRecord(string Id, string EventId, string Subject, string Body, string Audience);

public sealed class OrganiserMessages(EventStore store, TimeProvider time, AuditLog audit)
{
    /// <summary>Stores the message and, in the same transaction, the fan-out that emails each chosen registrant once.</summary>
    /// <returns>How many registrants it will reach.</returns>
    public async Task<Outcome<int>> SendAsync(string eventId, string subject, string body, string audience, Actor actor, CancellationToken cancellationToken)
    {
        var messageId = Guid.NewGuid().ToString("N");
        var outcome = await Optimistic.RetryAsync(
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
        if (outcome is Outcome<int>.Ok { Value: var reached })
        {
            // The message row (msg|{id}) holds the subject and body; the log names it and keeps no text of it.
            await audit.RecordAsync(actor, AuditActions.MessageSent, eventId: eventId, details: new Dictionary<string, string>
            {
                ["messageId"] = messageId,
                ["audience"] = audience,
                ["recipients"] = reached.ToString(CultureInfo.InvariantCulture),
            });
        }

        return outcome;
    }
}
