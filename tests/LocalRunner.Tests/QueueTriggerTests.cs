using System.Text.Json;

namespace GoodThings.LocalRunner.Tests;

public sealed class QueueTriggerTests(TestAppFixture fixture) : IClassFixture<TestAppFixture>
{
    private async Task SendAsync(object message) =>
        await (await TestQueues.CreateAsync(fixture.WorkQueue)).SendMessageAsync(JsonSerializer.Serialize(message));

    private async Task<IReadOnlyList<string>> PoisonAsync()
    {
        var poison = await TestQueues.CreateAsync(fixture.WorkQueue + "-poison");
        var peeked = await poison.PeekMessagesAsync(32);
        return [.. peeked.Value.Select(m => m.Body.ToString())];
    }

    private IReadOnlyList<WorkItem> AttemptsOf(string id) => [.. fixture.Log.Of<WorkItem>("Work").Where(w => w.Id == id)];

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    public async Task JsonMessageIsBoundToThePocoRetriedUntilItSucceedsAndThenDeleted(int failTimes)
    {
        var id = Guid.NewGuid().ToString("N");

        await SendAsync(new { id, failTimes });

        await Eventually.PollAsync(() => AttemptsOf(id), a => a.Count == failTimes + 1, because: $"{failTimes} failures then a success");
        // Deleted only after the successful run returned: once it is gone, no further attempt can come.
        var queue = await TestQueues.CreateAsync(fixture.WorkQueue);
        await Eventually.GetAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount, c => c == 0, because: "message deleted");
        Assert.Equal(Enumerable.Range(1, failTimes + 1), AttemptsOf(id).Select(a => a.FailTimes)); // each attempt's dequeue count
        Assert.DoesNotContain(await PoisonAsync(), m => m.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MessageThatFailsMaxDequeueCountTimesLandsInThePoisonQueueIntact()
    {
        var id = Guid.NewGuid().ToString("N");
        var message = JsonSerializer.Serialize(new { id, failTimes = 99 });

        await (await TestQueues.CreateAsync(fixture.WorkQueue)).SendMessageAsync(message);

        var poisoned = await Eventually.GetAsync(PoisonAsync, p => p.Any(m => m.Contains(id, StringComparison.Ordinal)), because: "poisoned after 3 attempts");
        Assert.Contains(message, poisoned);
        Assert.Equal(3, AttemptsOf(id).Count); // host.json maxDequeueCount
    }

    [Fact]
    public async Task MalformedMessageNeverReachesTheFunctionAndIsPoisoned()
    {
        var marker = "not json " + Guid.NewGuid().ToString("N");

        await (await TestQueues.CreateAsync(fixture.WorkQueue)).SendMessageAsync(marker);

        await Eventually.GetAsync(PoisonAsync, p => p.Contains(marker), because: "malformed message poisoned");
        Assert.DoesNotContain(fixture.Log.Entries, e => e.Detail is WorkItem w && w.Id.Contains("not json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StringParameterGetsTheDecodedText()
    {
        var text = "plain text " + Guid.NewGuid().ToString("N") + " ✓";

        await (await TestQueues.CreateAsync(fixture.RawQueue)).SendMessageAsync(text);

        await Eventually.PollAsync(() => fixture.Log.Of<string>("RawText"), m => m.Contains(text), because: "raw text delivered");
    }
}
