using Azure;
using Azure.Data.Tables;
using GoodThings.Registrations;
using GoodThings.Storage;

namespace GoodThings.Events;

/// <summary>An event row as read, with what an ETag-guarded write back needs.</summary>
public sealed record LoadedEvent(EventRecord Event, ETag ETag, long NextTicket)
{
    public TableEntity ToEntity(EventRecord updated, long? nextTicket = null)
    {
        var entity = EventRows.ToEntity(updated, nextTicket ?? NextTicket);
        entity.ETag = ETag;
        return entity;
    }
}

/// <summary>Reads of the Events table (see <see cref="EventRows"/> for its layout); writes live with the services that own them.</summary>
public sealed class EventStore(Tables tables)
{
    public Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(EventRows.TableName, cancellationToken);

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

    public async Task<LoadedEvent?> GetBySlugAsync(string slug, CancellationToken cancellationToken)
    {
        if (!IsValidKey(slug))
        {
            return null;
        }

        var slugs = await tables.GetAsync(EventRows.SlugTableName, cancellationToken);
        var row = await slugs.GetEntityIfExistsAsync<TableEntity>(slug, "slug", cancellationToken: cancellationToken);
        return row.HasValue ? await GetAsync(row.Value!.GetString("EventId"), cancellationToken) : null;
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
    public async Task<IReadOnlyList<string>> ListIdsAsync(CancellationToken cancellationToken)
    {
        var slugs = await tables.GetAsync(EventRows.SlugTableName, cancellationToken);
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

    /// <summary>The waitlist in order: (ticket, registration id), first come first.</summary>
    public async Task<IReadOnlyList<(long Ticket, string RegistrationId)>> WaitlistAsync(string eventId, int? take, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var waitlist = new List<(long, string)>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableFilters.RowKeyPrefix(eventId, EventRows.WaitPrefix), maxPerPage: take, select: ["RowKey", "RegistrationId"], cancellationToken: cancellationToken))
        {
            waitlist.Add((long.Parse(row.RowKey[EventRows.WaitPrefix.Length..], System.Globalization.CultureInfo.InvariantCulture), row.GetString("RegistrationId")));
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

    // Ids and slugs come from URLs: anything a Table key cannot hold is simply not found.
    private static bool IsValidKey(string key) =>
        key.Length is > 0 and <= 128 && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
