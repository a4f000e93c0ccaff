using Azure.Storage.Queues;

namespace GoodThings.LocalRunner.Tests;

internal static class TestQueues
{
    /// <summary>A queue on the shared Azurite, encoded as the Functions host encodes messages by default (base64).</summary>
    public static async Task<QueueClient> CreateAsync(string name)
    {
        var queue = new QueueClient(await SharedAzurite.ConnectionStringAsync(), name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        return queue;
    }
}
