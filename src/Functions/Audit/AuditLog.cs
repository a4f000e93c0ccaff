namespace GoodThings.Audit;

/// <summary>
/// The one owner of the AuditLog table: every change an organiser makes, one entry each, read per event (or
/// campaign) and across everything, newest first, a page at a time.
/// <para>
/// Each entry is written twice under the same row key, inverted ticks then its id (so newest sorts first, and two
/// entries of one tick stay apart): once in its subject's partition (<c>event|{id}</c> or <c>campaign|{id}</c>) and
/// once in the one global partition <c>all</c>. Both reads are then a range of one partition, never a scan. One
/// global partition rather than date buckets: organisers' changes come a few a minute at most, far below a
/// partition's throughput (about 2 000 entities a second), and one partition pages newest-first across any span
/// with a single row-key bound, where buckets would make a page that spans a month boundary read two partitions.
/// </para>
/// <para>
/// The two rows are in different partitions, so no transaction holds both: the subject's row is written first,
/// then the global one. Each is an upsert of a key made from the entry, so writing an entry again (the SDK's
/// retry of a lost answer) changes nothing.
/// </para>
/// <para>
/// Recording happens after the change has committed, and a failure to record is logged (with the whole entry, so
/// it can be put back by hand) but never fails the organiser's request: the change is made, and saying otherwise
/// would invite a repeat of it. The log is therefore at most once per change; a change is never recorded that
/// was not made, and a refused request records nothing.
/// </para>
/// </summary>
public sealed class AuditLog(Tables tables, TimeProvider time, ILogger<AuditLog> logger)
{
    public const string TableName = "AuditLog";
    public const int PageSize = 50;

    private const string GlobalPartition = "all";
    private const string EventPrefix = "event|";
    private const string CampaignPrefix = "campaign|";

    // Relaxed escaping keeps text in any script as itself; the JSON is only parsed back, never put in a page as is.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(TableName, cancellationToken);

    /// <summary>Records a change that has been made, now, by <paramref name="actor"/>. Never throws (see the class notes).</summary>
    public async Task RecordAsync(
        Actor actor,
        string action,
        string? eventId = null,
        string? campaignId = null,
        string? registrationId = null,
        IReadOnlyList<FieldChange>? changes = null,
        IReadOnlyDictionary<string, string>? details = null)
    {
        var entry = new AuditEntry(Guid.NewGuid().ToString("N"), time.GetUtcNow(), actor, action, eventId, campaignId, registrationId, changes, details);
        try
        {
            // The change is made: the client going away must not cut its record short.
            var table = await TableAsync(CancellationToken.None);
            if (SubjectPartition(entry) is { } subject)
            {
                await table.UpsertEntityAsync(ToEntity(entry, subject), TableUpdateMode.Replace, CancellationToken.None);
            }

            await table.UpsertEntityAsync(ToEntity(entry, GlobalPartition), TableUpdateMode.Replace, CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Could not record audit entry {Entry}; the change itself was made.", JsonSerializer.Serialize(entry, Json));
        }
    }

    /// <summary>An event's entries, newest first; <paramref name="after"/> is the <c>next</c> of the page before.</summary>
    public Task<Outcome<AuditPage>> ListForEventAsync(string eventId, string? after, CancellationToken cancellationToken) =>
        PageAsync(EventPrefix + eventId, after, cancellationToken);

    /// <summary>A campaign's entries, newest first.</summary>
    public Task<Outcome<AuditPage>> ListForCampaignAsync(string campaignId, string? after, CancellationToken cancellationToken) =>
        PageAsync(CampaignPrefix + campaignId, after, cancellationToken);

    /// <summary>Every entry, newest first.</summary>
    public Task<Outcome<AuditPage>> ListAsync(string? after, CancellationToken cancellationToken) =>
        PageAsync(GlobalPartition, after, cancellationToken);

    /// <summary>Whether <paramref name="after"/> is a row key this log could have handed out as a page's <c>next</c>.</summary>
    public static bool IsContinuation(string after) =>
        after.Length == 19 + 1 + 32 && after[..19].All(char.IsAsciiDigit) && after[19] == '|' && after[20..].All(char.IsAsciiHexDigitLower);

    private async Task<Outcome<AuditPage>> PageAsync(string partition, string? after, CancellationToken cancellationToken)
    {
        if (after is not null && !IsContinuation(after))
        {
            var validator = new Validator();
            validator.Add("after", "must be the next value of a previous page");
            return Outcome.Invalid<AuditPage>(validator);
        }

        var table = await TableAsync(cancellationToken);
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after}");
        var items = new List<AuditEntry>(PageSize);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, maxPerPage: PageSize, cancellationToken: cancellationToken))
        {
            items.Add(ToEntry(row));
            if (items.Count == PageSize)
            {
                break;
            }
        }

        // A full page may have a next one; reading one row ahead to know would cost a round trip for nothing.
        return new AuditPage(items, items.Count == PageSize ? RowKey(items[^1]) : null);
    }

    private static string? SubjectPartition(AuditEntry entry) =>
        entry.EventId is { } eventId ? EventPrefix + eventId
        : entry.CampaignId is { } campaignId ? CampaignPrefix + campaignId
        : null;

    private static string RowKey(AuditEntry entry) =>
        (DateTimeOffset.MaxValue.UtcTicks - entry.At.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "|" + entry.Id;

    private static TableEntity ToEntity(AuditEntry entry, string partition) => new(partition, RowKey(entry))
    {
        ["At"] = entry.At.ToUniversalTime(),
        ["ActorId"] = entry.Actor.Id,
        ["ActorName"] = entry.Actor.Name,
        ["Action"] = entry.Action,
        ["EventId"] = entry.EventId,
        ["CampaignId"] = entry.CampaignId,
        ["RegistrationId"] = entry.RegistrationId,
        ["Changes"] = entry.Changes is { Count: > 0 } changes ? JsonSerializer.Serialize(changes, Json) : null,
        ["Details"] = entry.Details is { Count: > 0 } details ? JsonSerializer.Serialize(details, Json) : null,
    };

    private static AuditEntry ToEntry(TableEntity row) => new(
        row.RowKey[20..],
        row.GetDateTimeOffset("At") ?? default,
        new Actor(row.GetString("ActorId"), row.GetString("ActorName")),
        row.GetString("Action"),
        row.GetString("EventId"),
        row.GetString("CampaignId"),
        row.GetString("RegistrationId"),
        row.GetString("Changes") is { } changes ? JsonSerializer.Deserialize<List<FieldChange>>(changes, Json) : [],
        row.GetString("Details") is { } details ? JsonSerializer.Deserialize<Dictionary<string, string>>(details, Json) : new Dictionary<string, string>());
}
