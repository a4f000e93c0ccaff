namespace GoodThings.TestSupport;

/// <summary>Polls for a condition that asynchronous work (a queue, a timer) makes true, failing after a timeout.</summary>
public static class Eventually
{
    /// <summary>Generous: a wait ends as soon as the condition holds, and CI machines are slower than this one.</summary>
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(60);

    public static async Task<T> GetAsync<T>(Func<Task<T>> read, Func<T, bool> until, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var value = await read();
            if (until(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout ?? DefaultTimeout}: {because ?? "(no description)"}; last value: {value}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>As <see cref="GetAsync{T}(Func{Task{T}}, Func{T, bool}, TimeSpan?, string?)"/> for a synchronous read.</summary>
    public static Task<T> PollAsync<T>(Func<T> read, Func<T, bool> until, TimeSpan? timeout = null, string? because = null) =>
        GetAsync(() => Task.FromResult(read()), until, timeout, because);
}
