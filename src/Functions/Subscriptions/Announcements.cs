
namespace GoodThings.Subscriptions;

/// <summary>Asks for an event to be announced to subscribers; recorded by the publish that asked.</summary>
public sealed record AnnouncementRequest(string EventId);

/// <summary>
/// Expands an announcement into one outbox message per confirmed subscriber whose topics meet the event's tags (or
/// who chose none), leaving out suppressed addresses. Keys name (subscriber, event), so expanding twice, or
/// announcing twice, emails nobody twice.
/// </summary>
public sealed class Announcements(SubscriberStore subscribers, EventStore events, Suppressions suppressions, Outbox outbox, Storage.Queues queues)
{
    public const string QueueName = "announce";

    /// <summary>
    /// Queues the announcement of a published event. Not part of the publish transaction: if this fails, the publish
    /// request fails too and the organiser's retry (publish is idempotent) queues it; repeats email nobody twice.
    /// </summary>
    public Task RequestAsync(string eventId, CancellationToken cancellationToken) =>
        queues.SendAsync(QueueName, new AnnouncementRequest(eventId), cancellationToken: cancellationToken);

    public async Task ExpandAsync(AnnouncementRequest request, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(request.EventId, cancellationToken) is not { Event: { Status: EventStatus.Published } @event })
        {
            return;
        }

        // One read of the list rather than one per subscriber; the dispatcher checks again at send time.
        var suppressed = await suppressions.ListKeysAsync(cancellationToken);
        var batch = new List<OutboxMessage>();
        await foreach (var subscriber in subscribers.ListSubscribedAsync(cancellationToken))
        {
            if (subscriber.Follows(@event.Tags) && !suppressed.Contains(suppressions.KeyOf(subscriber.Email)))
            {
                batch.Add(SubscriptionEmails.EventAnnouncement(subscriber, @event.Id));
            }

            if (batch.Count == 500)
            {
                await outbox.EnqueueAsync(batch, cancellationToken);
                batch.Clear();
            }
        }

        await outbox.EnqueueAsync(batch, cancellationToken);
    }
}
