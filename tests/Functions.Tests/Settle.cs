
namespace GoodThings;

/// <summary>Waits for the app's email pipeline to be idle, so a test can assert that no further email came.</summary>
public static class Settle
{
    /// <summary>Queues feeding the outbox, then the outbox: each is drained before the queues it feeds.</summary>
    private static readonly string[] EmailQueues = [SubscriptionService.RequestQueueName, Announcements.QueueName, Waitlist.QueueName, EventFanOut.QueueName, Scheduling.ScheduledSends.QueueName, Campaigns.CampaignSending.StartQueue, Campaigns.CampaignSending.BatchQueue, Outbox.QueueName];

    /// <summary>
    /// Waits until every email asked for so far has been sent or given up on. A change that sends commits an outbox row
    /// and relays it in the background after answering; the row is deleted only once its message is queued, so no row
    /// left means every message is on its queue. Each queue then keeps a message until its function has returned,
    /// having queued what it expands into. An email that is not in <see cref="FakeSendGrid.Calls"/> after this will
    /// not come. Unlike a fixed delay, this neither waits longer than needed nor passes while something is still on
    /// its way.
    /// </summary>
    public static async Task EmailsAsync(FunctionsApp app)
    {
        var outboxes = app.Services.GetServices<IOutboxRows>().ToList();
        await Eventually.GetAsync(() => AnyOutboxRowAsync(outboxes), any => !any, because: "every outbox row relayed");
        await QueueDrain.WaitAsync(app, EmailQueues);
    }

    private static async Task<bool> AnyOutboxRowAsync(List<IOutboxRows> outboxes)
    {
        foreach (var outbox in outboxes)
        {
            await foreach (var _ in outbox.ListAsync(CancellationToken.None))
            {
                return true;
            }
        }

        return false;
    }
}
