namespace GoodThings.Storage;

/// <summary>Background work waits for foreground work to end, but never longer than it was told to.</summary>
public sealed class ForegroundWorkTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task WithNothingRunningTheWaitEndsAtOnce()
    {
        var work = new ForegroundWork(_time);
        using (work.Begin())
        {
        }

        await work.WhenQuietAsync(TimeSpan.FromSeconds(3), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task TheWaitEndsWhenTheLastRunningWorkEnds()
    {
        var work = new ForegroundWork(_time);
        var first = work.Begin();
        var second = work.Begin();

        var waiting = work.WhenQuietAsync(TimeSpan.FromSeconds(3), CancellationToken.None);
        first.Dispose();
        first.Dispose(); // ending twice counts once
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        second.Dispose();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task TheWaitEndsAfterItsLimitWhileWorkStillRuns()
    {
        var work = new ForegroundWork(_time);
        using var running = work.Begin();

        var waiting = work.WhenQuietAsync(TimeSpan.FromSeconds(3), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2.9));
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(0.1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ACancelledWaitThrows()
    {
        var work = new ForegroundWork(_time);
        using var running = work.Begin();
        using var cancel = new CancellationTokenSource();

        var waiting = work.WhenQuietAsync(TimeSpan.FromSeconds(3), cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(10)));
    }
}
