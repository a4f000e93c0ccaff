using Azure.Storage.Queues;

namespace GoodThings.Storage;

/// <summary>Hands out queue clients by logical name (prefixed per <see cref="StorageOptions"/>), creating each queue on first use.</summary>
public sealed class Queues
{
    private readonly CreatedOnce<QueueClient> _queues;

    public Queues(QueueServiceClient service, IOptions<StorageOptions> options)
    {
        _queues = new CreatedOnce<QueueClient>(async name =>
        {
            var queue = service.GetQueueClient(options.Value.QueueName(name));
            await queue.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None);
            return queue;
        });
    }

    /// <summary>How every message the app queues is written, and how its queue triggers read them.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<QueueClient> GetAsync(string name, CancellationToken cancellationToken = default) =>
        _queues.GetAsync(name, cancellationToken);

    /// <summary>Puts one message, as JSON, on a queue.</summary>
    /// <param name="visibleAfter">Holds the message back this long, e.g. to let the write that names it commit first.</param>
    public async Task SendAsync<T>(string name, T message, TimeSpan? visibleAfter = null, CancellationToken cancellationToken = default)
    {
        var queue = await GetAsync(name, cancellationToken);
        await queue.SendMessageAsync(JsonSerializer.Serialize(message, Json), visibleAfter, timeToLive: null, cancellationToken);
    }
}
