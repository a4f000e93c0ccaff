namespace GoodThings.Scheduling;

/// <summary>The pass's cost follows the due work, not the data: counted storage requests over 50 events and 10 000 registrations.</summary>
public sealed class SchedulePassRoundTripTests : IAsyncLifetime
{
    private PassWorkload _workload = null!;

    public async Task InitializeAsync()
    {
        _workload = PassWorkload.Create(await SharedAzurite.ConnectionStringAsync(), StoragePrefix.New());
        await _workload.SeedAsync();
        await _workload.RunPassAsync(); // creates the due table's client, as the first pass of a process does
    }

    public async Task DisposeAsync() => await _workload.DisposeAsync();

    private async Task<int> PassRoundTripsAsync()
    {
        _workload.RoundTrips.Reset();
        await _workload.RunPassAsync();
        return _workload.RoundTrips.Count;
    }

    [Fact]
    public async Task APassWithNothingDueMakesAtMostThreeRoundTrips()
    {
        Assert.InRange(await PassRoundTripsAsync(), 1, 3);

        // One due event adds its own reads and writes, and the data of the other 49 still costs nothing.
        _workload.Time.SetUtcNow(_workload.Events[0].StartsAt.AddHours(-24));
        Assert.InRange(await PassRoundTripsAsync(), 2, 8);
        Assert.InRange(await PassRoundTripsAsync(), 1, 3);
    }
}
