using System.Diagnostics;
using Azure;

namespace GoodThings.Storage;

/// <summary>
/// Retries a read-decide-write when another writer's commit got there first: with growing, random waits (so racing
/// writers spread apart) for at most <see cref="Budget"/>, then gives up with <see cref="StorageBusyException"/>, which
/// callers answer as "try again shortly" (503), never as a failure of the app.
/// </summary>
public static class Optimistic
{
    /// <summary>Long enough to outlast a burst of instances draining one event, short of any client's patience.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(250);

    /// <summary>Between tries of a writer that takes turns in a lane (<see cref="RetryPromptlyAsync{T}"/>).</summary>
    private static readonly TimeSpan LongestWaitInLane = TimeSpan.FromMilliseconds(5);

    /// <summary>For a table transaction on an event partition, guarded by the event row's ETag.</summary>
    public static Task<T> RetryAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken) =>
        RetryAsync(attempt, exception => exception is TableTransactionFailedException, cancellationToken);

    /// <summary>
    /// As <see cref="RetryAsync{T}(Func{Task{T}}, CancellationToken)"/>, with barely a wait between tries: for a write that
    /// takes turns in a lane whose writers in other instances pause after each commit when they see contention
    /// (Registrations/RegistrationLanes). Long random waits would hand the row to whichever instance never waits, and
    /// the one that waits would lose every race until its budget ran out.
    /// </summary>
    public static Task<T> RetryPromptlyAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken) =>
        RetryAsync(attempt, exception => exception is TableTransactionFailedException, Budget, LongestWaitInLane, cancellationToken);

    /// <summary>For a single row added (409 when someone added it first) or replaced under its ETag (412).</summary>
    public static Task<T> RetryRowAsync<T>(Func<Task<T>> attempt, CancellationToken cancellationToken) =>
        RetryAsync(attempt, _ => true, cancellationToken);

    private static Task<T> RetryAsync<T>(Func<Task<T>> attempt, Func<RequestFailedException, bool> retries, CancellationToken cancellationToken) =>
        RetryAsync(attempt, retries, Budget, cancellationToken);

    /// <param name="budget">How long to keep trying: <see cref="Budget"/>, but for tests.</param>
    internal static Task<T> RetryAsync<T>(Func<Task<T>> attempt, Func<RequestFailedException, bool> retries, TimeSpan budget, CancellationToken cancellationToken) =>
        RetryAsync(attempt, retries, budget, LongestWait, cancellationToken);

    private static async Task<T> RetryAsync<T>(Func<Task<T>> attempt, Func<RequestFailedException, bool> retries, TimeSpan budget, TimeSpan longestWait, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await attempt();
            }
            catch (RequestFailedException exception) when (exception.Status is 409 or 412 && retries(exception))
            {
                if (clock.Elapsed >= budget)
                {
                    throw new StorageBusyException($"Gave up after {tries} attempts in {clock.Elapsed.TotalSeconds:F1} s: other writers kept changing the same rows.", exception);
                }

                // Full jitter, in real time rather than the app's clock: it only spreads racing writers apart.
                var ceiling = Math.Min(longestWait.TotalMilliseconds, 10 * Math.Pow(1.5, tries));
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), cancellationToken);
            }
        }
    }
}

/// <summary>Storage stayed contended past the retry budget: the caller should answer "try again shortly".</summary>
public sealed class StorageBusyException(string message, Exception innerException) : Exception(message, innerException);
