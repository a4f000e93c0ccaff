using Azure.Data.Tables;
using GoodThings.Email;
using GoodThings.Storage;
using GoodThings.Web;

namespace GoodThings.Events;

/// <summary>An organiser's message to some of an event's registrants.</summary>
public sealed record OrganiserMessageRecord(string Id, string EventId, string Subject, string Body, string Audience);

public sealed class OrganiserMessages(EventStore store, OutboxRelay relay, TimeProvider time)
{
    /// <summary>Stores the message and, in the same transaction, the fan-out that emails each chosen registrant once.</summary>
    /// <returns>How many registrants it will reach.</returns>
    public async Task<Outcome<int>> SendAsync(string eventId, string subject, string body, string audience, CancellationToken cancellationToken)
    {
        var table = await store.TableAsync(cancellationToken);
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
                write.Add(new TableEntity(eventId, EventRows.MessagePrefix + messageId)
                {
                    ["Subject"] = subject,
                    ["Body"] = body,
                    ["Audience"] = audience,
                    ["CreatedAt"] = time.GetUtcNow(),
                });
                write.Send(relay.Row(eventId, EventFanOut.QueueName, new FanOutRequest(EventFanOut.OrganiserMessage, eventId, loaded.Event.Sequence, messageId, audience)));
                await write.CommitAsync(table, loaded, loaded.Event with { UpdatedAt = time.GetUtcNow() }, relay, cancellationToken: cancellationToken);
                return (Outcome<int>)recipients;
            },
            cancellationToken);
    }

    public async Task<OrganiserMessageRecord?> GetAsync(string eventId, string messageId, CancellationToken cancellationToken)
    {
        var table = await store.TableAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(eventId, EventRows.MessagePrefix + messageId, cancellationToken: cancellationToken);
        return row.HasValue
            ? new OrganiserMessageRecord(messageId, eventId, row.Value!.GetString("Subject"), row.Value.GetString("Body"), row.Value.GetString("Audience"))
            : null;
    }
}
