using Azure;

namespace GoodThings.Storage;

/// <summary>Retries a read-decide-write when another writer's commit got there first.</summary>
public static class Optimistic
{
    private const int MaxAttempts = 30;

    /// <summary>For a table transaction on an event partition, guarded by the event row's ETag.</summary>
    public static Task<T> RetryAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken) =>
        RetryAsync(attempt, exception => exception is TableTransactionFailedException, cancellationToken);

    /// <summary>For a single row added (409 when someone added it first) or replaced under its ETag (412).</summary>
    public static Task<T> RetryRowAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken) =>
        RetryAsync(attempt, _ => true, cancellationToken);

    private static async Task<T> RetryAsync<T>(Func<Task<T>> attempt, Func<RequestFailedException, bool> retries, CancellationToken cancellationToken)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await attempt();
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412 && retries(exception) && tries < MaxAttempts)
            {
                // Jitter in real time, not the app's clock: it only spreads racing writers apart.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 + tries * 5)), cancellationToken);
            }
        }
    }
}
