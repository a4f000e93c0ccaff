
namespace GoodThings.Email;

public sealed class OutboxFunction(EmailDispatcher dispatcher)
{
    /// <summary>
    /// Renders and delivers one outbox message. Failures propagate: the host retries the message after
    /// host.json's visibilityTimeout and moves it to the poison queue after maxDequeueCount attempts (the last of
    /// which the dispatcher counts as poisoned).
    /// </summary>
    [Function("OutboxFunction")]
    public Task Run([QueueTrigger("%StoragePrefix%-" + Outbox.QueueName)] OutboxMessage message, long dequeueCount, CancellationToken cancellationToken) =>
        dispatcher.DeliverAsync(message, lastAttempt: dequeueCount >= Outbox.MaxDequeueCount, cancellationToken);
}
