using System.Runtime.CompilerServices;
using Azure;

namespace GoodThings.Events;

/// <summary>An event row as read, with what an ETag-guarded write back needs.</summary>
public sealed record LoadedEvent(EventRecord Event, ETag ETag, long NextTicket);

/// <summary>
/// The one owner of the Events and EventSlugs tables: every read and write of an event's partition (the event,
/// its registrations, email index, waitlist, organiser messages and outbox rows; see <see cref="EventRows"/>)
/// and of the slugs goes through here, and no table client leaves it.
/// </summary>
public sealed class EventStore(Tables tables, OutboxRelay relay, TimeProvider time) : IOutboxRows
{
    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(EventRows.TableName, cancellationToken);

    private Task<TableClient> SlugsAsync(CancellationToken cancellationToken) => tables.GetAsync(EventRows.SlugTableName, cancellationToken);

    private Task<TableClient> DueAsync(CancellationToken cancellationToken) => tables.GetAsync(EventRows.DueTableName, cancellationToken);

    /// <summary>Adds a new event; its slug must have been reserved for it.</summary>
    public async Task AddAsync(EventRecord created, CancellationToken cancellationToken) =>
        await (await TableAsync(cancellationToken)).AddNewAsync(EventRows.ToEntity(created, nextTicket: 1), cancellationToken);

    /// <summary>
    /// Writes <paramref name="updated"/> under the ETag it was read with, and every row of <paramref name="change"/>, in
    /// one transaction (a lost race fails it with 412, a repeated unique row with 409); then relays its messages.
    /// </summary>
    public async Task CommitAsync(LoadedEvent loaded, EventRecord updated, EventWrite change, long? nextTicket = null, CancellationToken cancellationToken = default)
    {
        var eventRow = EventRows.ToEntity(updated, nextTicket ?? loaded.NextTicket);
        var now = time.GetUtcNow();
        var outbox = change.Messages
            .Select(m => new OutboxRow(updated.Id, EventRows.OutboxPrefix + Guid.NewGuid().ToString("N"), m.Queue, m.Body, now))
            .ToList();
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.UpdateReplace, eventRow, loaded.ETag),
            .. change.Actions,
            .. outbox.Select(row => new TableTransactionAction(TableTransactionActionType.Add, EventRows.ToEntity(row))),
        ];
        var commitId = OwnWrites.NewCommitId();
        eventRow[EventRows.CommitIdProperty] = commitId;
        await IndexNewDueItemsAsync(loaded.Event, updated, cancellationToken);
        var table = await TableAsync(cancellationToken);
        try
        {
            await table.SubmitTransactionAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412)
        {
            // A transaction is all or nothing, so an event row bearing this commit's mark means the whole commit
            // landed and the failure is the SDK's repeat of it, after the first answer was lost.
            var current = await table.GetEntityIfExistsAsync<TableEntity>(updated.Id, EventRows.EventKey, [EventRows.CommitIdProperty], cancellationToken);
            if (!current.HasValue || current.Value!.GetString(EventRows.CommitIdProperty) != commitId)
            {
                throw;
            }
        }

        relay.RelaySoon(this, outbox);
    }

    /// <summary>
    /// Points the due index at each item the change schedules. Written before the event's transaction (another
    /// table cannot join it), so a commit never lacks its pointers; a pointer whose commit then failed is stale,
    /// and the pass drops it.
    /// </summary>
    private async Task IndexNewDueItemsAsync(EventRecord before, EventRecord after, CancellationToken cancellationToken)
    {
        var added = after.Schedule.Where(item => item.Status == ScheduledItemStatus.Pending).Except(before.Schedule).ToList();
        if (added.Count > 0)
        {
            await (await DueAsync(cancellationToken)).SubmitTransactionAsync(
                added.Select(item => new TableTransactionAction(TableTransactionActionType.UpsertReplace, EventRows.DueRow(after.Id, item))), cancellationToken);
        }
    }

    /// <summary>The due index's pointers due by <paramref name="now"/>, earliest first: one range query, whatever the number of events.</summary>
    public async Task<IReadOnlyList<DuePointer>> ListDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var due = new List<DuePointer>();
        await foreach (var row in (await DueAsync(cancellationToken)).QueryAsync<TableEntity>(EventRows.DueFilter(now), cancellationToken: cancellationToken))
        {
            due.Add(EventRows.ToDuePointer(row));
        }

        return due;
    }

    /// <summary>Drops pointers whose item has been dealt with (another instance may have dropped them already).</summary>
    public async Task DeleteDueAsync(IEnumerable<DuePointer> pointers, CancellationToken cancellationToken)
    {
        var table = await DueAsync(cancellationToken);
        foreach (var pointer in pointers)
        {
            await table.DeleteEntityAsync(pointer.PartitionKey, pointer.RowKey, ETag.All, cancellationToken);
        }
    }

    /// <summary>Claims a slug for an event; true when it is free or already this event's.</summary>
    public async Task<bool> ReserveSlugAsync(string slug, string eventId, CancellationToken cancellationToken)
    {
        var slugs = await SlugsAsync(cancellationToken);
        try
        {
            await slugs.AddEntityAsync(EventRows.SlugRow(slug, eventId), cancellationToken);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            var holder = await slugs.GetEntityIfExistsAsync<TableEntity>(slug, "slug", cancellationToken: cancellationToken);
            return holder.HasValue && holder.Value!.GetString("EventId") == eventId;
        }
    }

    public async Task ReleaseSlugAsync(string slug, CancellationToken cancellationToken) =>
        await (await SlugsAsync(cancellationToken)).DeleteEntityAsync(slug, "slug", ETag.All, cancellationToken);

    public async Task<LoadedEvent?> GetAsync(string eventId, CancellationToken cancellationToken)
    {
        if (!IsValidKey(eventId))
        {
            return null;
        }

        var table = await TableAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(eventId, EventRows.EventKey, cancellationToken: cancellationToken);
        return row.HasValue ? new LoadedEvent(EventRows.ToEvent(row.Value!), row.Value!.ETag, EventRows.NextTicket(row.Value)) : null;
    }

    public async Task<LoadedEvent?> GetBySlugAsync(string slug, CancellationToken cancellationToken) =>
        await EventIdOfSlugAsync(slug, cancellationToken) is { } eventId ? await GetAsync(eventId, cancellationToken) : null;

    /// <summary>The id of the event a slug names, from the slug row alone (one round trip); null when none does.</summary>
    public async Task<string?> EventIdOfSlugAsync(string slug, CancellationToken cancellationToken)
    {
        if (!IsValidKey(slug))
        {
            return null;
        }

        var slugs = await SlugsAsync(cancellationToken);
        var row = await slugs.GetEntityIfExistsAsync<TableEntity>(slug, "slug", cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString("EventId") : null;
    }

    /// <summary>
    /// Every event, by start. Read through the slug table (one small row per event) and point reads, because a
    /// filter on the Events table's row key alone would scan every registration row of every event.
    /// </summary>
    public async Task<IReadOnlyList<EventRecord>> ListAsync(CancellationToken cancellationToken)
    {
        var loaded = await Task.WhenAll((await ListIdsAsync(cancellationToken)).Select(id => GetAsync(id, cancellationToken)));
        return [.. loaded.OfType<LoadedEvent>().Select(l => l.Event).OrderBy(e => e.StartsAt).ThenBy(e => e.Title, StringComparer.Ordinal)];
    }

    /// <summary>The id of every event (each event's partition key).</summary>
    private async Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken cancellationToken)
    {
        var slugs = await SlugsAsync(cancellationToken);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in slugs.QueryAsync<TableEntity>(select: ["EventId"], cancellationToken: cancellationToken))
        {
            // A slug being changed briefly has two rows for one event.
            ids.Add(row.GetString("EventId"));
        }

        return [.. ids];
    }

    public async Task<(RegistrationRecord Registration, ETag ETag)?> GetRegistrationAsync(string eventId, string registrationId, CancellationToken cancellationToken)
    {
        if (!IsValidKey(eventId) || !IsValidKey(registrationId))
        {
            return null;
        }

        var table = await TableAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(eventId, EventRows.RegistrationKey(registrationId), cancellationToken: cancellationToken);
        return row.HasValue ? (EventRows.ToRegistration(row.Value!), row.Value!.ETag) : null;
    }

    public async Task<RegistrationRecord?> GetActiveRegistrationByEmailAsync(string eventId, string email, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var index = await table.GetEntityIfExistsAsync<TableEntity>(eventId, EventRows.EmailKey(email), cancellationToken: cancellationToken);
        return index.HasValue
            ? (await GetRegistrationAsync(eventId, index.Value!.GetString("RegistrationId"), cancellationToken))?.Registration
            : null;
    }

    public async Task<IReadOnlyList<RegistrationRecord>> ListRegistrationsAsync(string eventId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var registrations = new List<RegistrationRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableFilters.RowKeyPrefix(eventId, EventRows.RegistrationPrefix), cancellationToken: cancellationToken))
        {
            registrations.Add(EventRows.ToRegistration(row));
        }

        return [.. registrations.OrderBy(r => r.RegisteredAt).ThenBy(r => r.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Every registration of an address, in every event, cancelled ones included: what the app holds about a person.
    /// Reads each event's registration rows once, so it is for the rare
    /// request to see one's own data, not for a page.
    /// </summary>
    public async Task<IReadOnlyList<RegistrationRecord>> ListRegistrationsOfAsync(string email, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var address = AddressKey.Normalise(email);
        var found = new List<RegistrationRecord>();
        foreach (var eventId in await ListIdsAsync(cancellationToken))
        {
            await foreach (var row in table.QueryAsync<TableEntity>(TableFilters.RowKeyPrefix(eventId, EventRows.RegistrationPrefix), cancellationToken: cancellationToken))
            {
                if (AddressKey.Normalise(row.GetString("Email") ?? "") == address)
                {
                    found.Add(EventRows.ToRegistration(row));
                }
            }
        }

        return [.. found.OrderBy(r => r.RegisteredAt)];
    }

    /// <summary>The waitlist in order: (ticket, registration id, came by invitation), first come first.</summary>
    public async Task<IReadOnlyList<(long Ticket, string RegistrationId, bool Invited)>> WaitlistAsync(string eventId, int? take, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var waitlist = new List<(long, string, bool)>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableFilters.RowKeyPrefix(eventId, EventRows.WaitPrefix), maxPerPage: take, select: ["RowKey", "RegistrationId", "Invited"], cancellationToken: cancellationToken))
        {
            waitlist.Add((
                long.Parse(row.RowKey[EventRows.WaitPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture), row.GetString("RegistrationId"), row.GetBoolean("Invited") ?? false));
            if (waitlist.Count == take)
            {
                break;
            }
        }

        return waitlist;
    }

    /// <summary>1-based place of a ticket in the waitlist.</summary>
    public async Task<int> WaitlistPositionAsync(string eventId, long ticket, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var ahead = 0;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {eventId} and RowKey ge {EventRows.WaitPrefix} and RowKey le {EventRows.WaitKey(ticket)}");
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            ahead++;
        }

        return ahead;
    }

    /// <summary>Every invitation of an event, in address-key order.</summary>
    public async Task<IReadOnlyList<InvitationRecord>> ListInvitationsAsync(string eventId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var invitations = new List<InvitationRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableFilters.RowKeyPrefix(eventId, EventRows.InvitationPrefix), cancellationToken: cancellationToken))
        {
            invitations.Add(EventRows.ToInvitation(row));
        }

        return invitations;
    }

    public async Task<InvitationRecord?> GetInvitationAsync(string eventId, string addressKey, CancellationToken cancellationToken)
    {
        if (!IsValidKey(eventId) || !IsValidKey(addressKey))
        {
            return null;
        }

        var table = await TableAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(eventId, EventRows.InvitationKey(addressKey), cancellationToken: cancellationToken);
        return row.HasValue ? EventRows.ToInvitation(row.Value!) : null;
    }

    /// <summary>Every invitation of an address, in every event: one point read per event.</summary>
    public async Task<IReadOnlyList<InvitationRecord>> ListInvitationsOfAsync(string email, CancellationToken cancellationToken)
    {
        var key = AddressKey.Of(email);
        var found = await Task.WhenAll((await ListIdsAsync(cancellationToken)).Select(eventId => GetInvitationAsync(eventId, key, cancellationToken)));
        return [.. found.OfType<InvitationRecord>()];
    }

    /// <summary>The address keys holding an active registration: one range read of the email index, keys only.</summary>
    public Task<HashSet<string>> ListRegisteredAddressKeysAsync(string eventId, CancellationToken cancellationToken) =>
        ListAddressKeysAsync(eventId, EventRows.EmailPrefix, cancellationToken);

    /// <summary>The address keys already invited: one range read of the invitations, keys only.</summary>
    public Task<HashSet<string>> ListInvitedAddressKeysAsync(string eventId, CancellationToken cancellationToken) =>
        ListAddressKeysAsync(eventId, EventRows.InvitationPrefix, cancellationToken);

    private async Task<HashSet<string>> ListAddressKeysAsync(string eventId, string prefix, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(TableFilters.RowKeyPrefix(eventId, prefix), select: ["RowKey"], cancellationToken: cancellationToken))
        {
            keys.Add(row.RowKey[prefix.Length..]);
        }

        return keys;
    }

    public async Task<OrganiserMessageRecord?> GetMessageAsync(string eventId, string messageId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(eventId, EventRows.MessagePrefix + messageId, cancellationToken: cancellationToken);
        return row.HasValue ? EventRows.ToMessage(row.Value!) : null;
    }

    /// <summary>Each partition's outbox rows, by key range: never a scan of the registrations.</summary>
    async IAsyncEnumerable<OutboxRow> IOutboxRows.ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        foreach (var eventId in await ListIdsAsync(cancellationToken))
        {
            await foreach (var row in table.QueryAsync<TableEntity>(TableFilters.RowKeyPrefix(eventId, EventRows.OutboxPrefix), cancellationToken: cancellationToken))
            {
                yield return EventRows.ToOutboxRow(row);
            }
        }
    }

    async Task IOutboxRows.DeleteAsync(IReadOnlyList<OutboxRow> rows, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        foreach (var chunk in rows.GroupBy(row => row.PartitionKey, StringComparer.Ordinal).SelectMany(partition => partition.Chunk(MostActionsPerTransaction)))
        {
            try
            {
                await table.SubmitTransactionAsync(
                    [.. chunk.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(row.PartitionKey, row.RowKey), ETag.All))],
                    cancellationToken);
            }
            catch (TableTransactionFailedException exception) when (exception.Status == 404)
            {
                // Another relay of the same rows deleted some of them; one by one, a missing row is no failure.
                foreach (var row in chunk)
                {
                    await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken);
                }
            }
        }
    }

    private const int MostActionsPerTransaction = 100;

    // Ids and slugs come from URLs: anything a Table key cannot hold is simply not found.
    private static bool IsValidKey(string key) =>
        key.Length is > 0 and <= 128 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}

/// <summary>
/// One change to an event's partition, said in the app's terms: <see cref="EventStore.CommitAsync"/> writes it in
/// one table transaction with the event row (under its ETag) and relays its messages once it commits.
/// </summary>
public sealed class EventWrite
{
    internal List<TableTransactionAction> Actions { get; } = [];

    /// <summary>Queue messages to send once the change commits: (queue, JSON body).</summary>
    internal List<(string Queue, string Body)> Messages { get; } = [];

    /// <summary>A new registration with its email index and, when waitlisted, its place in line.</summary>
    public void Register(RegistrationRecord registration)
    {
        Add(EventRows.ToEntity(registration));
        Add(EventRows.EmailIndex(registration));
        if (registration.WaitlistTicket is { } ticket)
        {
            Add(EventRows.WaitIndex(registration.EventId, ticket, registration.Id, registration.Invited));
        }
    }

    /// <summary>A new invitation; an address invited before makes the transaction fail with 409.</summary>
    public void Invite(InvitationRecord invitation) => Add(EventRows.ToEntity(invitation));

    /// <summary>Replaces an invitation row (an answer); the event row's ETag guards the partition.</summary>
    public void Update(InvitationRecord invitation) => Replace(EventRows.ToEntity(invitation));

    /// <summary>Deletes an invitation and everything it held about the person.</summary>
    public void Forget(InvitationRecord invitation) => Delete(EventRows.ToEntity(invitation));

    /// <summary>Replaces a registration row; the event row's ETag in the same transaction guards the partition.</summary>
    public void Update(RegistrationRecord registration) => Replace(EventRows.ToEntity(registration));

    /// <summary>Moves a waitlisted registration to confirmed and takes it out of the line.</summary>
    public void Promote(RegistrationRecord waiting, RegistrationRecord promoted)
    {
        Update(promoted);
        LeaveWaitlist(waiting);
    }

    /// <summary>Cancels a registration: its address can register again, and it leaves the line if it was in it.</summary>
    public void Cancel(RegistrationRecord active, RegistrationRecord cancelled)
    {
        Update(cancelled);
        Delete(EventRows.EmailIndex(active));
        LeaveWaitlist(active);
    }

    public void AddMessage(OrganiserMessageRecord message, DateTimeOffset createdAt) =>
        Add(EventRows.ToEntity(message, createdAt));

    /// <summary>Erases a registration's personal details, and its address from the email index; the row stays, to count.</summary>
    public void Anonymise(RegistrationRecord registration, DateTimeOffset now)
    {
        Update(registration.Anonymised(now));
        if (registration.Status != RegistrationStatus.Cancelled)
        {
            Delete(EventRows.EmailIndex(registration));
        }
    }

    /// <summary>A message for <paramref name="queue"/>, committed with the change and relayed after it.</summary>
    public void Send<T>(string queue, T message) => Messages.Add((queue, JsonSerializer.Serialize(message, Queues.Json)));

    private void Add(TableEntity entity) => Actions.Add(new TableTransactionAction(TableTransactionActionType.Add, entity));

    private void Replace(TableEntity entity) => Actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, ETag.All));

    private void Delete(TableEntity entity) => Actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, entity, ETag.All));

    private void LeaveWaitlist(RegistrationRecord registration)
    {
        if (registration.WaitlistTicket is { } ticket)
        {
            Delete(EventRows.WaitIndex(registration.EventId, ticket, registration.Id, registration.Invited));
        }
    }
}
