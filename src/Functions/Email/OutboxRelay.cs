
namespace GoodThings.Email;

/// <summary>A queue message committed in the same table transaction as the change that caused it.</summary>
public sealed record OutboxRow(string PartitionKey, string RowKey, string Queue, string Body, DateTimeOffset CreatedAt);

/// <summary>
/// A table that keeps outbox rows. Its owner reads and deletes them; the relay only moves their messages to
/// queues. Each implementation is registered as one, and the sweep takes them all.
/// </summary>
public interface IOutboxRows
{
    /// <summary>Every outbox row the table holds, read without scanning its other rows.</summary>
    IAsyncEnumerable<OutboxRow> ListAsync(CancellationToken cancellationToken);

    Task DeleteAsync(OutboxRow row, CancellationToken cancellationToken);
}

/// <summary>
/// The transactional half of the outbox. A table transaction cannot include a queue, so a change that must send
/// something (a registration and its confirmation) adds an outbox row in the same transaction; after the commit
/// the row's message is put on its queue and the row deleted. If the process dies in between, the sweep relays
/// the row later. A message relayed twice is harmless: deliveries are idempotent by key.
/// </summary>
public sealed class OutboxRelay(Queues queues, TimeProvider time, ILogger<OutboxRelay> logger)
{
    /// <summary>Rows younger than this are left to the request that wrote them.</summary>
    public static readonly TimeSpan SweepAge = TimeSpan.FromMinutes(1);

    /// <summary>Puts committed rows' messages on their queues, then deletes the rows.</summary>
    public async Task RelayAsync(IOutboxRows source, IEnumerable<OutboxRow> rows, CancellationToken cancellationToken) =>
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (row, token) =>
        {
            var queue = await queues.GetAsync(row.Queue, token);
            await queue.SendMessageAsync(row.Body, token);
            await source.DeleteAsync(row, token);
        });

    /// <summary>Relays in the background; the sweep covers a failure, so it is logged, not retried here.</summary>
    public void RelaySoon(IOutboxRows source, IReadOnlyList<OutboxRow> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await RelayAsync(source, rows, CancellationToken.None);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Relaying {Count} outbox rows failed; the sweep will relay them", rows.Count);
            }
        });
    }

    /// <summary>Relays every row older than <see cref="SweepAge"/>: what a crash left behind.</summary>
    public async Task<int> SweepAsync(IEnumerable<IOutboxRows> sources, CancellationToken cancellationToken)
    {
        var cutoff = time.GetUtcNow() - SweepAge;
        var relayed = 0;
        foreach (var source in sources)
        {
            var stale = new List<OutboxRow>();
            await foreach (var row in source.ListAsync(cancellationToken))
            {
                if (row.CreatedAt < cutoff)
                {
                    stale.Add(row);
                }
            }

            if (stale.Count > 0)
            {
                logger.LogWarning("Relaying {Count} outbox rows a crashed request left behind in {Source}", stale.Count, source.GetType().Name);
                await RelayAsync(source, stale, cancellationToken);
                relayed += stale.Count;
            }
        }

        return relayed;
    }
}
