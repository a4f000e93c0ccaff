using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace GoodThings.Email;

/// <summary>
/// The crash path of the transactional outbox: rows a request committed but never relayed. The table that holds
/// them is a substitute (the seam the sweep is given); the queue is a real one on Azurite.
/// </summary>
public sealed class OutboxRelayTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<Queues> QueuesAsync()
    {
        var connection = await SharedAzurite.ConnectionStringAsync();
        var options = Options.Create(new StorageOptions { Prefix = StoragePrefix.New() });
        return new Queues(new QueueServiceClient(connection, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }), options);
    }

    private OutboxRow RowWithNote(string note) =>
        new("event-1", $"outbox|{note}", Outbox.QueueName, System.Text.Json.JsonSerializer.Serialize(TestNoteComposer.Message(note), Queues.Json), _time.GetUtcNow());

    private static IOutboxRows Holding(params OutboxRow[] rows)
    {
        var source = Substitute.For<IOutboxRows>();
        source.ListAsync(Arg.Any<CancellationToken>()).Returns(_ => rows.ToAsyncEnumerable());
        return source;
    }

    [Fact]
    public async Task SweepRelaysARowOlderThanAMinuteAndDeletesIt()
    {
        var queues = await QueuesAsync();
        var relay = new OutboxRelay(queues, new ForegroundWork(_time), _time, NullLogger<OutboxRelay>.Instance);
        var row = RowWithNote("left-behind");
        var source = Holding(row);

        _time.Advance(OutboxRelay.SweepAge + TimeSpan.FromSeconds(1));
        var relayed = await relay.SweepAsync([source], CancellationToken.None);

        Assert.Equal(1, relayed);
        var queued = Assert.Single((await (await queues.GetAsync(Outbox.QueueName)).ReceiveMessagesAsync(10)).Value);
        Assert.Contains(TestNoteComposer.Message("left-behind").IdempotencyKey, queued.Body.ToString(), StringComparison.Ordinal);
        await source.Received(1).DeleteAsync(Arg.Is<IReadOnlyList<OutboxRow>>(rows => rows.SequenceEqual(new[] { row })), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task SweepLeavesAYoungRowToTheRequestThatWroteIt()
    {
        var queues = await QueuesAsync();
        var relay = new OutboxRelay(queues, new ForegroundWork(_time), _time, NullLogger<OutboxRelay>.Instance);
        var source = Holding(RowWithNote("in-flight"));

        _time.Advance(OutboxRelay.SweepAge - TimeSpan.FromSeconds(1));
        var relayed = await relay.SweepAsync([source], CancellationToken.None);

        Assert.Equal(0, relayed);
        await source.DidNotReceiveWithAnyArgs().DeleteAsync(default(IReadOnlyList<OutboxRow>)!, default);
    }

    [Fact]
    public async Task ARowIsDeletedOnlyAfterItsMessageIsQueued()
    {
        var queues = await QueuesAsync();
        var relay = new OutboxRelay(queues, new ForegroundWork(_time), _time, NullLogger<OutboxRelay>.Instance);
        var row = RowWithNote("broken") with { Queue = "no such queue!" };
        var source = Holding(row);

        _time.Advance(OutboxRelay.SweepAge + TimeSpan.FromSeconds(1));

        await Assert.ThrowsAnyAsync<Exception>(() => relay.SweepAsync([source], CancellationToken.None));
        await source.DidNotReceiveWithAnyArgs().DeleteAsync(default(IReadOnlyList<OutboxRow>)!, default);
    }

    [Fact]
    public async Task ACommitsRowsWaitWhileRegistrationsAreBeingAnsweredAndGoOnceTheyAreDone()
    {
        var queues = await QueuesAsync();
        var foreground = new ForegroundWork(_time);
        using var relay = new OutboxRelay(queues, foreground, _time, NullLogger<OutboxRelay>.Instance);
        var row = RowWithNote("after-the-answers");
        var source = Holding();
        var answering = foreground.Begin();

        relay.RelaySoon(source, [row]);
        await Task.Delay(300);
        Assert.Empty((await (await queues.GetAsync(Outbox.QueueName)).PeekMessagesAsync(10)).Value);

        answering.Dispose();
        Assert.Contains(TestNoteComposer.Message("after-the-answers").IdempotencyKey, (await OneMessageAsync(queues)).Body.ToString(), StringComparison.Ordinal);
        await Eventually.PollAsync(
            () => source.ReceivedCalls().Count(call => call.GetMethodInfo().Name == nameof(IOutboxRows.DeleteAsync)), deletes => deletes == 1, because: "the relayed row is deleted");
    }

    [Fact]
    public async Task ACommitsRowsWaitNoLongerThanTheHoldBackWhileAnsweringGoesOn()
    {
        var queues = await QueuesAsync();
        var foreground = new ForegroundWork(_time);
        using var relay = new OutboxRelay(queues, foreground, _time, NullLogger<OutboxRelay>.Instance);
        using var answering = foreground.Begin();

        relay.RelaySoon(Holding(), [RowWithNote("held-back")]);
        await Task.Delay(300);
        Assert.Empty((await (await queues.GetAsync(Outbox.QueueName)).PeekMessagesAsync(10)).Value);
        _time.Advance(OutboxRelay.HoldBackAtMost);

        Assert.Contains(TestNoteComposer.Message("held-back").IdempotencyKey, (await OneMessageAsync(queues)).Body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARelayThatFailsIsTriedAgainWithoutWaitingForTheSweep()
    {
        var queues = await QueuesAsync();
        using var relay = new OutboxRelay(queues, new ForegroundWork(_time), _time, NullLogger<OutboxRelay>.Instance);
        var source = Holding();
        var deletes = 0;
        source.DeleteAsync(default!, default).ReturnsForAnyArgs(_ =>
            Interlocked.Increment(ref deletes) == 1 ? throw new RequestFailedException(503, "Storage is busy") : Task.CompletedTask);

        relay.RelaySoon(source, [RowWithNote("tried-again")]);

        await Eventually.PollAsync(() => Volatile.Read(ref deletes), count => count == 2, because: "the failed relay is tried again");
        var queue = await queues.GetAsync(Outbox.QueueName);
        // Sent on both tries: a message relayed twice is harmless, its delivery is idempotent by key.
        Assert.All((await queue.PeekMessagesAsync(10)).Value, message =>
            Assert.Contains(TestNoteComposer.Message("tried-again").IdempotencyKey, message.Body.ToString(), StringComparison.Ordinal));
    }

    private static async Task<Azure.Storage.Queues.Models.PeekedMessage> OneMessageAsync(Queues queues)
    {
        var queue = await queues.GetAsync(Outbox.QueueName);
        var peeked = await Eventually.GetAsync(async () => (await queue.PeekMessagesAsync(10)).Value, messages => messages.Length > 0, because: "the row is relayed");
        return Assert.Single(peeked);
    }
}
