namespace GoodThings.Scheduling;

/// <summary>
/// One run of the schedule timer: reads the due index (one query when nothing is due), and for each event with due
/// items decides them all in one ETag-guarded commit of the event row, together with the queue message that does the
/// sending. Two passes at once, a pass run twice, or a pass killed half-way cannot send anything twice: an item
/// leaves <see cref="ScheduledItemStatus.Pending"/> in exactly one committed write, and only that write queues its work.
/// </summary>
public sealed class SchedulePass(EventStore store, TimeProvider time, ILogger<SchedulePass> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var pointers in (await store.ListDueAsync(now, cancellationToken)).GroupBy(p => p.EventId))
        {
            await DecideAsync(pointers.Key, [.. pointers], now, cancellationToken);
            await store.DeleteDueAsync(pointers, cancellationToken);
        }
    }

    private Task<bool> DecideAsync(string eventId, IReadOnlyList<DuePointer> pointers, DateTimeOffset now, CancellationToken cancellationToken) =>
        Optimistic.RetryAsync(
            async () =>
            {
                if (await store.GetAsync(eventId, cancellationToken) is not { } loaded)
                {
                    return false;
                }

                var e = loaded.Event;
                var due = e.Schedule.Where(item => pointers.Any(p => p.Points(item))).ToList();
                if (due.Count == 0)
                {
                    return false; // another pass got there first, or the event moved: the pointers are stale
                }

                var change = new EventWrite();
                var schedule = e.Schedule.Select(item =>
                {
                    if (!due.Contains(item))
                    {
                        return item;
                    }

                    var decided = item with { Status = EventSchedule.Decide(e, item, due, now) };
                    if (decided.Status == ScheduledItemStatus.Sending)
                    {
                        change.Send(ScheduledSends.QueueName, new ScheduledRun(e.Id, item.Name, item.TimeVersion));
                    }

                    logger.LogInformation("Event {EventId}: {Item} (time version {TimeVersion}) is {Status}", e.Id, item.Name, item.TimeVersion, decided.Status);
                    return decided;
                }).ToList();
                await store.CommitAsync(loaded, e with { Schedule = schedule }, change, cancellationToken: cancellationToken);
                return true;
            },
            cancellationToken);
}
