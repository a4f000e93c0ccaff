using Azure.Data.Tables;

namespace GoodThings.Events;

/// <summary>Retries a read-decide-write of an event partition when another writer's commit got there first.</summary>
public static class Optimistic
{
    private const int MaxAttempts = 30;

    public static async Task<T> RetryAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await attempt();
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412 && tries < MaxAttempts)
            {
                // Jitter in real time, not the app's clock: it only spreads racing writers apart.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 + tries * 5)), cancellationToken);
            }
        }
    }
}
