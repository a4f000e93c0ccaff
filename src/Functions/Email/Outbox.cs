
namespace GoodThings.Email;

/// <summary>
/// The one way to send an email: record an <see cref="OutboxMessage"/> on the outbox queue. Nothing renders or
/// delivers email inline in a request; <see cref="OutboxFunction"/> does, with retries and the poison queue.
/// </summary>
public sealed class Outbox(Queues queues)
{
    public const string QueueName = "outbox";

    /// <summary>
    /// host.json's <c>extensions.queues.maxDequeueCount</c>: the attempt after which a failing message goes to the
    /// poison queue. The worker is not told it, so it is repeated here, and a test holds the two equal.
    /// </summary>
    public const int MaxDequeueCount = 5;

    /// <param name="visibleAfter">Holds the message back this long, e.g. to let the write that names it commit first.</param>
    public Task EnqueueAsync(OutboxMessage message, TimeSpan? visibleAfter = null, CancellationToken cancellationToken = default) =>
        queues.SendAsync(QueueName, message, visibleAfter, cancellationToken);

    public async Task EnqueueAsync(IEnumerable<OutboxMessage> messages, CancellationToken cancellationToken = default)
    {
        var queue = await queues.GetAsync(QueueName, cancellationToken);
        await Parallel.ForEachAsync(
            messages,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (message, token) => await queue.SendMessageAsync(JsonSerializer.Serialize(message, Queues.Json), token));
    }
}
