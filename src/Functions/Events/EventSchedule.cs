using System.Text.Json.Serialization;

namespace GoodThings.Events;

public enum ScheduledKind
{
    Reminder,
    FollowUp,
    Anonymisation,
}

public enum ScheduledItemStatus
{
    Pending,
    Sending,
    Sent,
    Skipped,
    Missed,
}

/// <summary>
/// One thing an event's schedule does on its own: a reminder, the follow-up, or the erasure of its registrants'
/// personal data. It belongs to one version of the event's time (<see cref="EventRecord.TimeVersion"/>); moving the
/// event plans it again under the next version.
/// </summary>
/// <param name="Before">For a reminder: how long before the start it goes.</param>
/// <param name="Recipients">Once sending: how many people it went to (for the erasure, how many registrations it erased).</param>
public sealed record ScheduledItem(ScheduledKind Kind, TimeSpan? Before, DateTimeOffset DueAt, int TimeVersion, ScheduledItemStatus Status, int? Recipients = null)
{
    /// <summary>Names the item within its event and time version, e.g. <c>reminder-24h</c>; part of every idempotency key it leads to.</summary>
    [JsonIgnore]
    public string Name => Kind switch
    {
        ScheduledKind.Reminder => "reminder-" + Before!.Value switch
        {
            var b when b.Ticks % TimeSpan.TicksPerHour == 0 => $"{(long)b.TotalHours}h",
            var b when b.Ticks % TimeSpan.TicksPerMinute == 0 => $"{(long)b.TotalMinutes}m",
            var b => $"{(long)b.TotalSeconds}s",
        },
        ScheduledKind.FollowUp => "follow-up",
        _ => "anonymisation",
    };

    [JsonIgnore]
    public bool IsDone => Status is ScheduledItemStatus.Sent or ScheduledItemStatus.Skipped or ScheduledItemStatus.Missed;
}

/// <summary>The settings a schedule is planned from.</summary>
public sealed record ScheduleSettings(IReadOnlyList<TimeSpan> ReminderOffsets, TimeSpan FollowUpDelay, TimeSpan AnonymiseAfter);

/// <summary>Plans an event's schedule when it is published, moved or cancelled. Pure: the caller commits the result with the event.</summary>
public static class EventSchedule
{
    /// <summary>
    /// Everything the event will do at its current time version. At publish, a reminder already due reaches nobody
    /// (nobody can have registered before it), so it is skipped at once.
    /// </summary>
    public static IReadOnlyList<ScheduledItem> Plan(EventRecord e, ScheduleSettings settings, DateTimeOffset now)
    {
        var reminders = settings.ReminderOffsets.Select(before =>
        {
            var dueAt = e.StartsAt - before;
            return new ScheduledItem(ScheduledKind.Reminder, before, dueAt, e.TimeVersion, dueAt <= now ? ScheduledItemStatus.Skipped : ScheduledItemStatus.Pending);
        });
        return
        [
            .. reminders,
            new ScheduledItem(ScheduledKind.FollowUp, null, e.EndsAt + settings.FollowUpDelay, e.TimeVersion, ScheduledItemStatus.Pending),
            new ScheduledItem(ScheduledKind.Anonymisation, null, e.EndsAt + settings.AnonymiseAfter, e.TimeVersion, ScheduledItemStatus.Pending),
        ];
    }

    /// <summary>
    /// The schedule after the event moved (its time version already raised): reminders afresh for the new time, even
    /// ones already sent for the old time or now overdue (the pass decides those); the follow-up and the erasure move
    /// unless they already went.
    /// </summary>
    public static IReadOnlyList<ScheduledItem> Rearm(EventRecord moved, IReadOnlyList<ScheduledItem> current, ScheduleSettings settings)
    {
        var planned = Plan(moved, settings, DateTimeOffset.MinValue);
        return [.. planned.Select(item => item.Kind == ScheduledKind.Reminder
            ? item
            : current.FirstOrDefault(old => old.Kind == item.Kind && old.Status != ScheduledItemStatus.Pending) ?? item)];
    }

    /// <summary>A follow-up held up (the app was down) still goes up to this late, never later.</summary>
    public static readonly TimeSpan FollowUpLateLimit = TimeSpan.FromDays(7);

    /// <summary>
    /// What becomes of a due item: <see cref="ScheduledItemStatus.Sending"/> when it should go now, otherwise why it never
    /// will. <paramref name="due"/> is every item of the event due in the same pass.
    /// </summary>
    public static ScheduledItemStatus Decide(EventRecord e, ScheduledItem item, IReadOnlyCollection<ScheduledItem> due, DateTimeOffset now) => item.Kind switch
    {
        ScheduledKind.Reminder when e.Status != EventStatus.Published => ScheduledItemStatus.Skipped,
        ScheduledKind.Reminder when now >= e.StartsAt => ScheduledItemStatus.Missed,
        // Of reminders due together (the app was down, or the event moved earlier), only the latest goes.
        ScheduledKind.Reminder when due.Any(other => other.Kind == ScheduledKind.Reminder && other.DueAt > item.DueAt) => ScheduledItemStatus.Missed,
        ScheduledKind.FollowUp when e.Status != EventStatus.Published => ScheduledItemStatus.Skipped,
        ScheduledKind.FollowUp when now > item.DueAt + FollowUpLateLimit => ScheduledItemStatus.Missed,
        _ => ScheduledItemStatus.Sending,
    };

    /// <summary>
    /// What a reminder says of the time left: its own offset ("24 hours") when it goes about on time, the time truly
    /// left when it goes late (the event moved earlier), so it never claims a day when there are five hours.
    /// </summary>
    public static TimeSpan Lead(TimeSpan before, TimeSpan left) =>
        left >= before * 0.95 ? before
        : left >= TimeSpan.FromHours(2) ? TimeSpan.FromHours(Math.Floor(left.TotalHours))
        : TimeSpan.FromMinutes(Math.Max(1, Math.Floor(left.TotalMinutes)));

    /// <summary>A cancelled event sends no reminder or follow-up; its registrants' data is still erased in time.</summary>
    public static IReadOnlyList<ScheduledItem> Cancel(IReadOnlyList<ScheduledItem> current) =>
        [.. current.Select(item => item.Status == ScheduledItemStatus.Pending && item.Kind != ScheduledKind.Anonymisation ? item with { Status = ScheduledItemStatus.Skipped } : item)];
}

/// <summary>A due-index row: a hint that an event's item is due. The event row decides; a pointer it no longer backs is stale.</summary>
public sealed record DuePointer(string PartitionKey, string RowKey, string EventId, string Name, int TimeVersion, DateTimeOffset DueAt)
{
    public bool Points(ScheduledItem item) =>
        item.Status == ScheduledItemStatus.Pending && item.Name == Name && item.TimeVersion == TimeVersion && item.DueAt.UtcTicks == DueAt.UtcTicks;
}
