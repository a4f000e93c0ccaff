namespace GoodThings.Storage;

/// <summary>
/// Work someone is waiting on (a registration lane with requests queued), so that background work that can wait a
/// moment (relaying committed emails) lets it go first. On one instance both share the CPU and the storage
/// account; during a spike, answering the people at the form matters more than an email leaving a second sooner.
/// </summary>
public sealed class ForegroundWork(TimeProvider time)
{
    private readonly Lock _gate = new();
    private int _running;
    private TaskCompletionSource _quiet = Quiet();

    /// <summary>Marks foreground work as running until the result is disposed.</summary>
    public IDisposable Begin()
    {
        lock (_gate)
        {
            if (_running++ == 0)
            {
                _quiet = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }

        return new Running(this);
    }

    /// <summary>Waits until no foreground work runs, or <paramref name="atMost"/> has passed, whichever comes first.</summary>
    public async Task WhenQuietAsync(TimeSpan atMost, CancellationToken cancellationToken)
    {
        Task quiet;
        lock (_gate)
        {
            quiet = _quiet.Task;
        }

        if (quiet.IsCompleted)
        {
            return;
        }

        using var stopWaiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        await Task.WhenAny(quiet, Task.Delay(atMost, time, stopWaiting.Token));
        await stopWaiting.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    private void End()
    {
        TaskCompletionSource? quiet = null;
        lock (_gate)
        {
            if (--_running == 0)
            {
                quiet = _quiet;
            }
        }

        quiet?.TrySetResult();
    }

    private static TaskCompletionSource Quiet()
    {
        var quiet = new TaskCompletionSource();
        quiet.SetResult();
        return quiet;
    }

    private sealed class Running(ForegroundWork work) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0)
            {
                work.End();
            }
        }
    }
}
