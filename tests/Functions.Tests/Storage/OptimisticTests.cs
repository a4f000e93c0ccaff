using Azure;

namespace GoodThings.Storage;

/// <summary>Lost races are retried with jitter for a bounded time, then reported as storage being busy (a 503), never as a bare failure.</summary>
public sealed class OptimisticTests
{
    [Fact]
    public async Task ALostRaceIsRetriedUntilTheWriteGoesThrough()
    {
        var attempts = 0;

        var result = await Optimistic.RetryRowAsync(
            () => ++attempts < 3 ? throw new RequestFailedException(412, "Precondition failed") : Task.FromResult("written"),
            CancellationToken.None);

        Assert.Equal(("written", 3), (result, attempts));
    }

    [Fact]
    public async Task RacesLostForTheWholeBudgetEndAsStorageBusyWhichIsAnsweredWith503()
    {
        var attempts = 0;

        var busy = await Assert.ThrowsAsync<StorageBusyException>(() => Optimistic.RetryAsync<int>(
            () => { attempts++; throw new RequestFailedException(409, "Conflict"); },
            _ => true,
            TimeSpan.FromMilliseconds(300),
            CancellationToken.None));

        Assert.True(attempts > 3, $"only {attempts} attempts in the budget");
        Assert.IsType<RequestFailedException>(busy.InnerException);
        Assert.True(Web.StorageUnavailable.Caused(busy));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(404)]
    public async Task OtherFailuresAreNotRetried(int status)
    {
        var attempts = 0;

        await Assert.ThrowsAsync<RequestFailedException>(() => Optimistic.RetryRowAsync<int>(() => { attempts++; throw new RequestFailedException(status, "No"); }, CancellationToken.None));

        Assert.Equal(1, attempts);
        Assert.False(Web.StorageUnavailable.Caused(new RequestFailedException(status, "No")));
    }
}
