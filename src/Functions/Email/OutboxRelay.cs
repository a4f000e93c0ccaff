
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

    /// <summary>
    /// Deletes relayed rows, a partition's together in as few transactions as the table allows. A row already
    /// deleted (relayed twice: by its request and by the sweep) is no error.
    /// </summary>
    Task DeleteAsync(IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken);
}

/// <summary>
/// The transactional half of the outbox. A table transaction cannot include a queue, so a change that must send
/// something (a registration and its confirmation) adds an outbox row in the same transaction; after the commit
/// the row's message is put on its queue and the row deleted. If the process dies in between, the sweep relays
/// the row later. A message relayed twice is harmless: deliveries are idempotent by key.
/// </summary>
public sealed class OutboxRelay(Queues queues, ForegroundWork foreground, TimeProvider time, ILogger<OutboxRelay> logger) : IDisposable
{
    /// <summary>Rows younger than this are left to the request that wrote them.</summary>
    public static readonly TimeSpan SweepAge = TimeSpan.FromMinutes(1);

    /// <summary>How long a commit's relay waits at most for this instance's registration lanes to fall quiet.</summary>
    public static readonly TimeSpan HoldBackAtMost = TimeSpan.FromSeconds(3);

    /// <summary>Commits relayed at once; with 8 messages each in flight, a spike's relays cannot flood the connections.</summary>
    internal const int ConcurrentRelays = 4;

    private readonly SemaphoreSlim _relaying = new(ConcurrentRelays);

    /// <summary>Puts committed rows' messages on their queues, then deletes the rows, once every message is queued.</summary>
    public async Task RelayAsync(IOutboxRows source, IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (row, token) =>
        {
            var queue = await queues.GetAsync(row.Queue, token);
            await queue.SendMessageAsync(row.Body, token);
        });
        await source.DeleteAsync(rows, cancellationToken);
    }

    /// <summary>
    /// Relays in the background, once this instance's registration lanes are quiet (or <see cref="HoldBackAtMost"/>
    /// has passed): the emails wait a moment for the answers. A failure is tried again after each of
    /// <see cref="RetryDelays"/>, so that storage that stalls for a few seconds delays the emails by as much and not
    /// until the sweep (which, measured from the commit, could be minutes); after the last, the sweep relays them.
    /// </summary>
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
                await foreground.WhenQuietAsync(HoldBackAtMost, CancellationToken.None);
                for (var attempt = 0; ; attempt++)
                {
                    try
                    {
                        await RelayInTurnAsync(source, rows);
                        return;
                    }
                    catch (Exception exception) when (attempt < RetryDelays.Length)
                    {
                        logger.LogWarning(exception, "Relaying {Count} outbox rows failed; trying again in {Delay}", rows.Count, RetryDelays[attempt]);
                        // Real time, not the app's clock: this only spaces out attempts against storage.
                        await Task.Delay(RetryDelays[attempt]);
                    }
                }
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Relaying {Count} outbox rows failed; the sweep will relay them", rows.Count);
            }
        });
    }

    /// <summary>Between a failed relay and its next try: about half a minute in all.</summary>
    internal static readonly TimeSpan[] RetryDelays = [.. new[] { 1, 2, 4, 8, 16 }.Select(seconds => TimeSpan.FromSeconds(seconds))];

    private async Task RelayInTurnAsync(IOutboxRows source, IReadOnlyList<OutboxRow> rows)
    {
        await _relaying.WaitAsync();
        try
        {
            await RelayAsync(source, rows, CancellationToken.None);
        }
        finally
        {
            _relaying.Release();
        }
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

    public void Dispose() => _relaying.Dispose();
}
