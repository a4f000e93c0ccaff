namespace GoodThings.Scheduling;

/// <summary>Asks for one scheduled item of an event to be carried out; names no person.</summary>
public sealed record ScheduledRun(string EventId, string Item, int TimeVersion);

/// <summary>
/// Carries out a scheduled item that a pass moved to <see cref="ScheduledItemStatus.Sending"/>: one outbox message per
/// recipient (each named by an idempotency key, so a retry sends nothing twice), or the erasure of the registrants'
/// personal data; then records the item as sent. A run for an item that is no longer sending does nothing.
/// </summary>
public sealed class ScheduledSends(EventStore store, Outbox outbox, InvitationService invitations, TimeProvider time)
{
    public const string QueueName = "scheduled";

    /// <summary>Registrations erased per transaction: two rows each, with the event row, well inside a batch's 100.</summary>
    private const int ErasuresPerTransaction = 45;

    public async Task RunAsync(ScheduledRun run, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(run.EventId, cancellationToken) is not { } loaded || Find(loaded.Event, run) is not { Status: ScheduledItemStatus.Sending } item)
        {
            return;
        }

        var registrations = await store.ListRegistrationsAsync(run.EventId, cancellationToken);
        var count = item.Kind == ScheduledKind.Anonymisation
            ? await EraseAsync(run.EventId, registrations, cancellationToken)
            : await SendAsync(loaded.Event, item, registrations, cancellationToken);
        await MarkSentAsync(run, count, cancellationToken);
    }

    /// <summary>Who gets a reminder: confirmed before it was due (whoever joined later registered knowing the date).</summary>
    public static bool IsReminderRecipient(RegistrationRecord r, ScheduledItem reminder) =>
        r is { Status: RegistrationStatus.Confirmed, AnonymisedAt: null } && r.ConfirmedSince < reminder.DueAt;

    /// <summary>
    /// The follow-up each confirmed person gets: thanks to those checked in, "sorry we missed you" to the others; when
    /// nobody was checked in at all (the organisers did not use check-in), thanks to everyone.
    /// </summary>
    public static string? FollowUpKind(RegistrationRecord r, bool anyoneCheckedIn) => r switch
    {
        not { Status: RegistrationStatus.Confirmed, AnonymisedAt: null } => null,
        { CheckedInAt: not null } => RegistrationEmails.FollowUpThanks,
        _ => anyoneCheckedIn ? RegistrationEmails.FollowUpMissed : RegistrationEmails.FollowUpThanks,
    };

    private async Task<int> SendAsync(EventRecord e, ScheduledItem item, IReadOnlyList<RegistrationRecord> registrations, CancellationToken cancellationToken)
    {
        List<OutboxMessage> messages;
        if (item.Kind == ScheduledKind.Reminder)
        {
            // The join link goes with the last reminder before the start.
            var last = e.Schedule.Where(i => i.Kind == ScheduledKind.Reminder && i.TimeVersion == item.TimeVersion).MinBy(i => i.Before);
            var withJoinLink = last?.Name == item.Name && e.Format != EventFormat.InPerson;
            messages = [.. registrations.Where(r => IsReminderRecipient(r, item)).Select(r => RegistrationEmails.Scheduled(RegistrationEmails.Reminder, r, item, withJoinLink))];
        }
        else
        {
            var anyoneCheckedIn = registrations.Any(r => r is { Status: RegistrationStatus.Confirmed, CheckedInAt: not null });
            messages = [.. registrations
                .Select(r => (Registration: r, Kind: FollowUpKind(r, anyoneCheckedIn)))
                .Where(x => x.Kind is not null)
                .Select(x => RegistrationEmails.Scheduled(x.Kind!, x.Registration, item, withJoinLink: false))];
        }

        await outbox.EnqueueAsync(messages, cancellationToken);
        return messages.Count;
    }

    /// <summary>
    /// Erases every registrant's details, a batch per transaction, and deletes every invitation; a retry picks up where
    /// a failed run stopped.
    /// </summary>
    private async Task<int> EraseAsync(string eventId, IReadOnlyList<RegistrationRecord> registrations, CancellationToken cancellationToken)
    {
        foreach (var batch in registrations.Where(r => r.AnonymisedAt is null).Chunk(ErasuresPerTransaction))
        {
            await Optimistic.RetryAsync(
                async () =>
                {
                    var loaded = await store.GetAsync(eventId, cancellationToken) ?? throw new InvalidOperationException($"Event {eventId} vanished.");
                    var change = new EventWrite();
                    foreach (var registration in batch)
                    {
                        change.Anonymise(registration, time.GetUtcNow());
                    }

                    await store.CommitAsync(loaded, loaded.Event, change, cancellationToken: cancellationToken);
                    return true;
                },
                cancellationToken);
        }

        await invitations.ForgetAsync(eventId, await store.ListInvitationsAsync(eventId, cancellationToken), cancellationToken);
        return registrations.Count;
    }

    private Task<bool> MarkSentAsync(ScheduledRun run, int recipients, CancellationToken cancellationToken) =>
        Optimistic.RetryAsync(
            async () =>
            {
                if (await store.GetAsync(run.EventId, cancellationToken) is not { } loaded || Find(loaded.Event, run) is not { Status: ScheduledItemStatus.Sending } item)
                {
                    return false;
                }

                var sent = item with { Status = ScheduledItemStatus.Sent, Recipients = recipients };
                var updated = loaded.Event with { Schedule = [.. loaded.Event.Schedule.Select(i => i == item ? sent : i)] };
                await store.CommitAsync(loaded, updated, new EventWrite(), cancellationToken: cancellationToken);
                return true;
            },
            cancellationToken);

    private static ScheduledItem? Find(EventRecord e, ScheduledRun run) =>
        e.Schedule.FirstOrDefault(i => i.Name == run.Item && i.TimeVersion == run.TimeVersion);
}
