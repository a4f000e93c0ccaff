using System.Text.Json;
using Azure.Data.Tables;
using GoodThings.Storage;
using Microsoft.Extensions.Logging;

namespace GoodThings.Email;

/// <summary>
/// The transactional half of the outbox. A table transaction cannot include a queue, so a change that must send
/// something (a registration and its confirmation) adds an <c>outbox|</c> row in the same transaction; after the
/// commit the row's message is put on its queue and the row deleted. If the process dies in between, the sweep
/// relays the row later. A message relayed twice is harmless: deliveries are idempotent by key.
/// </summary>
public sealed class OutboxRelay(Tables tables, Queues queues, TimeProvider time, ILogger<OutboxRelay> logger)
{
    public const string RowPrefix = "outbox|";

    /// <summary>Rows younger than this are left to the request that wrote them.</summary>
    public static readonly TimeSpan SweepAge = TimeSpan.FromMinutes(1);

    /// <summary>A row to add to a transaction in <paramref name="partitionKey"/>, carrying a message for <paramref name="queueName"/>.</summary>
    public TableEntity Row<T>(string partitionKey, string queueName, T message) =>
        new(partitionKey, RowPrefix + Guid.NewGuid().ToString("N"))
        {
            ["Queue"] = queueName,
            ["Body"] = JsonSerializer.Serialize(message, Queues.Json),
            ["CreatedAt"] = time.GetUtcNow(),
        };

    /// <summary>Puts committed rows' messages on their queues, then deletes the rows.</summary>
    public async Task RelayAsync(string tableName, IEnumerable<TableEntity> rows, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (row, token) =>
        {
            var queue = await queues.GetAsync(row.GetString("Queue"), token);
            await queue.SendMessageAsync(row.GetString("Body"), token);
            await table.DeleteEntityAsync(row, Azure.ETag.All, token);
        });
    }

    /// <summary>Relays in the background; the sweep covers a failure, so it is logged, not retried here.</summary>
    public void RelaySoon(string tableName, IReadOnlyList<TableEntity> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await RelayAsync(tableName, rows, CancellationToken.None);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Relaying {Count} outbox rows failed; the sweep will relay them", rows.Count);
            }
        });
    }

    /// <summary>
    /// Relays every row older than <see cref="SweepAge"/> in the given partitions of a table: what a crash left
    /// behind. Each partition is a key-range read of its outbox rows, never a scan of the table.
    /// </summary>
    public async Task<int> SweepAsync(string tableName, IEnumerable<string> partitionKeys, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(tableName, cancellationToken);
        var cutoff = time.GetUtcNow() - SweepAge;
        var stale = new List<TableEntity>();
        foreach (var partitionKey in partitionKeys)
        {
            await foreach (var row in table.QueryAsync<TableEntity>(TableFilters.RowKeyPrefix(partitionKey, RowPrefix), cancellationToken: cancellationToken))
            {
                if (row.GetDateTimeOffset("CreatedAt") is { } created && created < cutoff)
                {
                    stale.Add(row);
                }
            }
        }

        if (stale.Count > 0)
        {
            logger.LogWarning("Relaying {Count} outbox rows a crashed request left behind in {Table}", stale.Count, tableName);
            await RelayAsync(tableName, stale, cancellationToken);
        }

        return stale.Count;
    }
}
