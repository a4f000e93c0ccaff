using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;

namespace GoodThings.TestSupport;

/// <summary>Waits for an app's queues to be worked through, so a test can assert that nothing more came of them.</summary>
public static class QueueDrain
{
    /// <summary>
    /// Waits, queue by queue in the order given, until each holds no message, visible or held back. The runner deletes
    /// a message only after its function has returned (or moves it to the poison queue), so an empty queue means that
    /// everything it held has been handled, including queueing what those functions pass on: name a queue before the
    /// queues it feeds.
    /// </summary>
    public static async Task WaitAsync(FunctionsApp app, params string[] queueNames)
    {
        var service = app.Services.GetRequiredService<QueueServiceClient>();
        foreach (var name in queueNames)
        {
            var queue = service.GetQueueClient($"{app.StoragePrefix}-{name}");
            // The count includes messages that are invisible while held back or being processed.
            await Eventually.GetAsync(
                async () => await queue.ExistsAsync() ? (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount : 0,
                count => count == 0,
                because: $"queue {name} worked through");
        }
    }
}
