using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace GoodThings.LocalRunner.Tests;

/// <summary>Queue messages held by a lease of <c>LocalRunner:QueueMessageLease</c> (here 1 s) while their function runs.</summary>
public sealed class QueueMessageLeaseTests(ShortQueueLeaseFixture fixture) : IClassFixture<ShortQueueLeaseFixture>
{
    private IReadOnlyList<HeldRun> RunsOf(string id) => [.. fixture.Log.Of<HeldRun>("Hold").Where(r => r.Id == id)];

    [Fact]
    public async Task AFunctionRunningForSeveralLeasesKeepsItsMessageAndDeletesItWhenDone()
    {
        var id = Guid.NewGuid().ToString("N");
        var queue = await TestQueues.CreateAsync(fixture.HoldQueue);

        // 3.5 leases: without renewal the message would come back and run again while the first run is still going;
        // without the newest pop receipt the final delete would fail and the message would come back afterwards.
        await queue.SendMessageAsync(JsonSerializer.Serialize(new { id, holdMilliseconds = 3500 }));

        await Eventually.PollAsync(() => RunsOf(id), r => r.Count >= 1, because: "the run started");
        await Eventually.GetAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount, c => c == 0, because: "message deleted after the run");
        var run = Assert.Single(RunsOf(id));
        Assert.Equal(1, run.DequeueCount);
    }

    [Fact]
    public async Task AReceivedMessageIsHiddenForOneLeaseSoADeadProcessLetsItGoThen()
    {
        var id = Guid.NewGuid().ToString("N");
        var queue = await TestQueues.CreateAsync(fixture.HoldQueue);

        await queue.SendMessageAsync(JsonSerializer.Serialize(new { id, holdMilliseconds = 0 }));

        var run = (await Eventually.PollAsync(() => RunsOf(id), r => r.Count >= 1, because: "the run started"))[0];
        Assert.NotNull(run.NextVisibleAt);
        // Storage times have whole seconds; allow for that and for the two clocks, far below the default 10 minutes.
        Assert.InRange(run.NextVisibleAt.Value, run.StartedAt - TimeSpan.FromSeconds(2), run.StartedAt + ShortQueueLeaseFixture.Lease + TimeSpan.FromSeconds(2));
    }
}

/// <summary>Without the setting, a message is held as the Functions host holds it.</summary>
public sealed class DefaultQueueMessageLeaseTests(TestAppFixture fixture) : IClassFixture<TestAppFixture>
{
    [Fact]
    public async Task WithoutTheSettingAReceivedMessageIsHiddenForTenMinutes()
    {
        var id = Guid.NewGuid().ToString("N");
        var queue = new QueueClient(await SharedAzurite.ConnectionStringAsync(), fixture.HoldQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();

        await queue.SendMessageAsync(JsonSerializer.Serialize(new { id, holdMilliseconds = 0 }));

        var run = (await Eventually.PollAsync(() => fixture.Log.Of<HeldRun>("Hold").Where(r => r.Id == id).ToList(), r => r.Count >= 1, because: "the run started"))[0];
        Assert.NotNull(run.NextVisibleAt);
        Assert.InRange(run.NextVisibleAt.Value - run.StartedAt, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(2));
    }
}

public sealed class QueueMessageLeaseSettingTests
{
    private static IConfiguration With(string? lease) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [QueueTriggers.LeaseSetting] = lease }).Build();

    [Fact]
    public void UnsetLeaseIsTheHostsTenMinutes()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), QueueTriggers.LeaseOf(With(null)));
    }

    [Fact]
    public void LeaseIsReadAsATimeSpan()
    {
        Assert.Equal(TimeSpan.FromSeconds(5), QueueTriggers.LeaseOf(With("00:00:05")));
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.500")]
    [InlineData("-00:01:00")]
    [InlineData("8.00:00:00")]
    [InlineData("five seconds")]
    public void LeaseBelowOneSecondAboveSevenDaysOrMalformedIsRefusedNamingTheSetting(string lease)
    {
        var refusal = Assert.Throws<InvalidOperationException>(() => QueueTriggers.LeaseOf(With(lease)));

        Assert.Contains("LocalRunner:QueueMessageLease", refusal.Message, StringComparison.Ordinal);
    }
}
