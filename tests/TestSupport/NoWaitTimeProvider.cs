using System.Collections.Concurrent;

namespace GoodThings.TestSupport;

/// <summary>
/// System time, except that every timer fires at once and its requested due time is recorded: a test sees
/// exactly which waits code asked for (back-off, Retry-After) without waiting for them.
/// </summary>
public sealed class NoWaitTimeProvider : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _waits.Enqueue(dueTime);
        return System.CreateTimer(callback, state, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }
}
