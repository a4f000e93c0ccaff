using Azure.Data.Tables;
using Azure.Storage.Queues;
using GoodThings.Storage;
using GoodThings.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace GoodThings.Email;

/// <summary>The crash path of the transactional outbox: rows a request committed but never relayed.</summary>
public sealed class OutboxRelayTests
{
    private const string TableName = "Events";
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<(Tables Tables, Queues Queues)> StorageAsync()
    {
        var connection = await SharedAzurite.ConnectionStringAsync();
        var options = Options.Create(new StorageOptions { Prefix = StoragePrefix.New() });
        return (new Tables(new TableServiceClient(connection), options),
                new Queues(new QueueServiceClient(connection, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }), options));
    }

    [Fact]
    public async Task SweepRelaysARowOlderThanAMinuteAndDeletesIt()
    {
        var (tables, queues) = await StorageAsync();
        var relay = new OutboxRelay(tables, queues, _time, NullLogger<OutboxRelay>.Instance);
        var table = await tables.GetAsync(TableName);
        var message = TestNoteComposer.Message("left-behind");
        await table.AddEntityAsync(relay.Row("event-1", Outbox.QueueName, message));

        _time.Advance(OutboxRelay.SweepAge + TimeSpan.FromSeconds(1));
        var relayed = await relay.SweepAsync(TableName, ["event-1", "event-2"], CancellationToken.None);

        Assert.Equal(1, relayed);
        var queued = Assert.Single((await (await queues.GetAsync(Outbox.QueueName)).ReceiveMessagesAsync(10)).Value);
        Assert.Contains(message.IdempotencyKey, queued.Body.ToString(), StringComparison.Ordinal);
        Assert.Empty(table.Query<TableEntity>(TableFilters.RowKeyPrefix("event-1", OutboxRelay.RowPrefix)));
    }

    [Fact]
    public async Task SweepLeavesAYoungRowToTheRequestThatWroteIt()
    {
        var (tables, queues) = await StorageAsync();
        var relay = new OutboxRelay(tables, queues, _time, NullLogger<OutboxRelay>.Instance);
        var table = await tables.GetAsync(TableName);
        await table.AddEntityAsync(relay.Row("event-1", Outbox.QueueName, TestNoteComposer.Message("in-flight")));

        _time.Advance(OutboxRelay.SweepAge - TimeSpan.FromSeconds(1));
        var relayed = await relay.SweepAsync(TableName, ["event-1"], CancellationToken.None);

        Assert.Equal(0, relayed);
        Assert.Single(table.Query<TableEntity>(TableFilters.RowKeyPrefix("event-1", OutboxRelay.RowPrefix)));
    }
}
