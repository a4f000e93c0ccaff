namespace GoodThings.LocalRunner.Hosting;

/// <summary>
/// A hosted service that runs one background loop per function and, on stop, cancels them and waits for them
/// (a run cut short by shutdown is not an error: timers fire again, queue messages are released).
/// </summary>
internal abstract class TriggerLoops : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];

    public abstract Task StartAsync(CancellationToken cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_loops).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    protected void StartLoop(Func<CancellationToken, Task> loop) =>
        _loops.Add(Task.Run(
            async () =>
            {
                try
                {
                    await loop(_stopping.Token);
                }
                catch (Exception) when (_stopping.IsCancellationRequested)
                {
                    // Shutting down: whatever the loop was doing (a storage call, a run) is abandoned, not failed.
                }
            },
            CancellationToken.None));
}
