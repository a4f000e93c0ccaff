using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoodThings.Events;

/// <summary>An event partition's relayed outbox rows go in one transaction, and a row some other relay took first is no failure.</summary>
public sealed class EventOutboxRowsTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task AnEventsRelayedRowsAreDeletedInOneRoundTrip()
    {
        var (store, table, requests) = await StoreAsync();
        var rows = await AddRowsAsync(table, "event-a", 19);
        requests.Start();

        await ((IOutboxRows)store).DeleteAsync(rows, CancellationToken.None);

        Assert.Equal(1, requests.Count);
        Assert.Empty(await RowsLeftAsync(table, "event-a"));
    }

    [Fact]
    public async Task RowsAnotherRelayDeletedFirstDoNotStopTheRestFromGoing()
    {
        var (store, table, _) = await StoreAsync();
        var rows = await AddRowsAsync(table, "event-b", 5);
        await table.DeleteEntityAsync(rows[2].PartitionKey, rows[2].RowKey);

        await ((IOutboxRows)store).DeleteAsync(rows, CancellationToken.None);

        Assert.Empty(await RowsLeftAsync(table, "event-b"));
    }

    [Fact]
    public async Task RowsOfSeveralEventsAreDeletedPerEvent()
    {
        var (store, table, requests) = await StoreAsync();
        var rows = (await AddRowsAsync(table, "event-c", 3)).Concat(await AddRowsAsync(table, "event-d", 150)).ToList();
        requests.Start();

        await ((IOutboxRows)store).DeleteAsync(rows, CancellationToken.None);

        Assert.Equal(3, requests.Count); // one for event-c, two for event-d's 150 (a transaction holds 100)
        Assert.Empty(await RowsLeftAsync(table, "event-c"));
        Assert.Empty(await RowsLeftAsync(table, "event-d"));
    }

    private async Task<(EventStore Store, TableClient Table, RequestCounter Requests)> StoreAsync()
    {
        var connection = await SharedAzurite.ConnectionStringAsync();
        var requests = new RequestCounter();
        var clientOptions = new TableClientOptions();
        clientOptions.AddPolicy(requests, HttpPipelinePosition.PerRetry);
        var options = Options.Create(new StorageOptions { Prefix = StoragePrefix.New() });
        var tables = new Tables(new TableServiceClient(connection, clientOptions), options);
        var queues = new Queues(new Azure.Storage.Queues.QueueServiceClient(connection), options);
        var store = new EventStore(tables, new OutboxRelay(queues, new ForegroundWork(_time), _time, NullLogger<OutboxRelay>.Instance), _time);
        var table = await tables.GetAsync(EventRows.TableName);
        return (store, table, requests);
    }

    private async Task<List<OutboxRow>> AddRowsAsync(TableClient table, string eventId, int count)
    {
        var rows = Enumerable.Range(0, count)
            .Select(i => new OutboxRow(eventId, $"{EventRows.OutboxPrefix}{i:D4}", Outbox.QueueName, "{}", _time.GetUtcNow()))
            .ToList();
        foreach (var row in rows)
        {
            await table.AddEntityAsync(EventRows.ToEntity(row));
        }

        return rows;
    }

    private static async Task<List<TableEntity>> RowsLeftAsync(TableClient table, string eventId) =>
        await table.QueryAsync<TableEntity>(TableFilters.RowKeyPrefix(eventId, EventRows.OutboxPrefix)).ToListAsync();

    /// <summary>Counts requests sent once <see cref="Start"/> is called.</summary>
    private sealed class RequestCounter : RequestWatch
    {
        private int _count = -1;

        public int Count => Volatile.Read(ref _count);

        public void Start() => Volatile.Write(ref _count, 0);

        protected override void Observe(Request request)
        {
            if (Volatile.Read(ref _count) >= 0)
            {
                Interlocked.Increment(ref _count);
            }
        }
    }
}
