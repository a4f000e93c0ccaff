using System.Text.Json;
using Azure.Storage.Queues;

namespace GoodThings.LocalRunner.Tests;

public sealed class QueueTriggerTests(TestAppFixture fixture) : IClassFixture<TestAppFixture>
{
    private static async Task<QueueClient> QueueAsync(string name)
    {
        // The Functions host's default message encoding is base64.
        var queue = new QueueClient(await SharedAzurite.ConnectionStringAsync(), name, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        return queue;
    }

    private async Task SendAsync(object message) =>
        await (await QueueAsync(fixture.WorkQueue)).SendMessageAsync(JsonSerializer.Serialize(message));

    private async Task<IReadOnlyList<string>> PoisonAsync()
    {
        var poison = await QueueAsync(fixture.WorkQueue + "-poison");
        var peeked = await poison.PeekMessagesAsync(32);
        return [.. peeked.Value.Select(m => m.Body.ToString())];
    }

    private IReadOnlyList<WorkItem> AttemptsOf(string id) => [.. fixture.Log.Of<WorkItem>("Work").Where(w => w.Id == id)];

    [Fact]
    public async Task JsonMessageIsBoundToThePocoAndDeletedOnSuccess()
    {
        var id = Guid.NewGuid().ToString("N");

        await SendAsync(new { id, failTimes = 0 });

        var attempts = await Eventually.PollAsync(() => AttemptsOf(id), a => a.Count == 1, because: "one successful run");
        var queue = await QueueAsync(fixture.WorkQueue);
        await Eventually.GetAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount, c => c == 0, because: "message deleted");
        Assert.Equal(1, attempts[0].FailTimes); // dequeue count 1
    }

    [Fact]
    public async Task FailingMessageIsRetriedUntilItSucceeds()
    {
        var id = Guid.NewGuid().ToString("N");

        await SendAsync(new { id, failTimes = 2 });

        var attempts = await Eventually.PollAsync(() => AttemptsOf(id), a => a.Count == 3, because: "two failures then a success");
        // Deleted only after the successful run returned: once it is gone, no fourth attempt can come.
        var queue = await QueueAsync(fixture.WorkQueue);
        await Eventually.GetAsync(async () => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount, c => c == 0, because: "message deleted");
        Assert.Equal([1, 2, 3], AttemptsOf(id).Select(a => a.FailTimes));
        Assert.DoesNotContain(await PoisonAsync(), m => m.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MessageThatFailsMaxDequeueCountTimesLandsInThePoisonQueueIntact()
    {
        var id = Guid.NewGuid().ToString("N");
        var message = JsonSerializer.Serialize(new { id, failTimes = 99 });

        await (await QueueAsync(fixture.WorkQueue)).SendMessageAsync(message);

        var poisoned = await Eventually.GetAsync(PoisonAsync, p => p.Any(m => m.Contains(id, StringComparison.Ordinal)), because: "poisoned after 3 attempts");
        Assert.Contains(message, poisoned);
        Assert.Equal(3, AttemptsOf(id).Count); // host.json maxDequeueCount
    }

    [Fact]
    public async Task MalformedMessageNeverReachesTheFunctionAndIsPoisoned()
    {
        var marker = "not json " + Guid.NewGuid().ToString("N");

        await (await QueueAsync(fixture.WorkQueue)).SendMessageAsync(marker);

        await Eventually.GetAsync(PoisonAsync, p => p.Contains(marker), because: "malformed message poisoned");
        Assert.DoesNotContain(fixture.Log.Entries, e => e.Detail is WorkItem w && w.Id.Contains("not json", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StringParameterGetsTheDecodedText()
    {
        var text = "plain text " + Guid.NewGuid().ToString("N") + " ✓";

        await (await QueueAsync(fixture.RawQueue)).SendMessageAsync(text);

        await Eventually.PollAsync(() => fixture.Log.Of<string>("RawText"), m => m.Contains(text), because: "raw text delivered");
    }
}
