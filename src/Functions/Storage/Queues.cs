using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

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

    public Task<QueueClient> GetAsync(string name, CancellationToken cancellationToken = default) =>
        _queues.GetAsync(name, cancellationToken);
}
