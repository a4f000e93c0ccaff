using System.Security.Cryptography;

namespace GoodThings.Email;

/// <summary>How many of a campaign's emails SendGrid reported delivered, opened, clicked, hard-bounced, and how many people unsubscribed.</summary>
public sealed record DeliveryTally(int Delivered, int Opened, int Clicked, int Bounced, int Unsubscribed)
{
    public static readonly DeliveryTally None = new(0, 0, 0, 0, 0);

    public DeliveryTally Plus(DeliveryCount count) => count switch
    {
        DeliveryCount.Delivered => this with { Delivered = Delivered + 1 },
        DeliveryCount.Opened => this with { Opened = Opened + 1 },
        DeliveryCount.Clicked => this with { Clicked = Clicked + 1 },
        DeliveryCount.Bounced => this with { Bounced = Bounced + 1 },
        DeliveryCount.Unsubscribed => this with { Unsubscribed = Unsubscribed + 1 },
        _ => throw new ArgumentOutOfRangeException(nameof(count), count, null),
    };
}

/// <summary>The column of a tally an event adds one to.</summary>
public enum DeliveryCount
{
    Delivered,
    Opened,
    Clicked,
    Bounced,
    Unsubscribed,
}

/// <summary>One event to count: SendGrid's <c>sg_event_id</c> (null for the app's own events, which are not deduplicated) and what it counts.</summary>
public sealed record CountedEvent(string? EventId, DeliveryCount Count);

/// <summary>
/// The DeliveryTallies table: one partition per campaign, holding its tally row and one row per SendGrid event
/// counted. A batch of events is counted in one table transaction that adds their event rows and replaces the tally
/// under its ETag, so an event delivered twice (SendGrid retries, and may repeat an event) counts once, and a crash
/// either counts a batch or leaves it for SendGrid's retry, never half of it.
/// </summary>
public sealed class DeliveryTallies(Tables tables)
{
    public const string TableName = "DeliveryTallies";

    /// <summary>The custom arg (SendGrid echoes it on each event) naming the campaign an email belongs to.</summary>
    public const string CampaignArg = "campaign_id";

    /// <summary>A transaction holds at most 100 entities: the tally row and this many event rows.</summary>
    public const int EventsPerTransaction = 99;

    private const string TallyRow = "tally";
    private const int MaxAttempts = 30;

    public async Task<DeliveryTally> GetAsync(string campaignId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(PartitionKeyOf(campaignId), TallyRow, cancellationToken: cancellationToken);
        return row.HasValue ? ToTally(row.Value!) : DeliveryTally.None;
    }

    /// <summary>For the app's own one-click unsubscribe link: counted every time, as the link's handler decides when it counts.</summary>
    public Task AddUnsubscribedAsync(string campaignId, CancellationToken cancellationToken) =>
        CountAsync(campaignId, [new CountedEvent(null, DeliveryCount.Unsubscribed)], cancellationToken);

    /// <summary>Counts a campaign's events, each <c>sg_event_id</c> once however often it comes, in transactions of at most <see cref="EventsPerTransaction"/>.</summary>
    public async Task CountAsync(string campaignId, IReadOnlyList<CountedEvent> events, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var distinct = events.Where(e => e.EventId is null).Concat(events.Where(e => e.EventId is not null).DistinctBy(e => e.EventId, StringComparer.Ordinal));
        foreach (var chunk in distinct.Chunk(EventsPerTransaction))
        {
            await CountChunkAsync(table, campaignId, [.. chunk], cancellationToken);
        }
    }

    /// <summary>
    /// One transaction, retried: 409 means some event is counted already (another POST, or SendGrid repeating itself)
    /// or a concurrent POST created the tally row, so the counted events are dropped and it goes again; 412 means
    /// another POST moved the tally on, so it is read again.
    /// </summary>
    private static async Task CountChunkAsync(TableClient table, string campaignId, List<CountedEvent> events, CancellationToken cancellationToken)
    {
        var partitionKey = PartitionKeyOf(campaignId);
        for (var attempt = 1; events.Count > 0; attempt++)
        {
            var row = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, TallyRow, cancellationToken: cancellationToken);
            var tally = events.Aggregate(row.HasValue ? ToTally(row.Value!) : DeliveryTally.None, (sum, e) => sum.Plus(e.Count));
            var entity = ToEntity(partitionKey, campaignId, tally);
            List<TableTransactionAction> actions = row.HasValue
                ? [new(TableTransactionActionType.UpdateReplace, entity, row.Value!.ETag)]
                : [new(TableTransactionActionType.Add, entity)];
            actions.AddRange(events.Where(e => e.EventId is not null).Select(e => new TableTransactionAction(
                TableTransactionActionType.Add, new TableEntity(partitionKey, EventRowKey(e.EventId!)) { ["Count"] = e.Count.ToString() })));
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                return;
            }
            catch (TableTransactionFailedException exception) when (exception.Status is 409 or 412 && attempt < MaxAttempts)
            {
                if (exception.Status == 409)
                {
                    events = await UncountedAsync(table, partitionKey, events, cancellationToken);
                }

                // Jitter in real time, as Optimistic does: it only spreads racing writers apart.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 20 + attempt * 5)), cancellationToken);
            }
        }
    }

    /// <summary>The events that have no event row yet; a whole POST repeated by SendGrid is found counted in one round.</summary>
    private static async Task<List<CountedEvent>> UncountedAsync(TableClient table, string partitionKey, List<CountedEvent> events, CancellationToken cancellationToken)
    {
        var counted = await Task.WhenAll(events.Select(async e => e.EventId is not null
            && (await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, EventRowKey(e.EventId), select: ["RowKey"], cancellationToken: cancellationToken)).HasValue));
        return [.. events.Where((_, i) => !counted[i])];
    }

    private static TableEntity ToEntity(string partitionKey, string campaignId, DeliveryTally tally) => new(partitionKey, TallyRow)
    {
        ["CampaignId"] = campaignId,
        [nameof(DeliveryTally.Delivered)] = tally.Delivered,
        [nameof(DeliveryTally.Opened)] = tally.Opened,
        [nameof(DeliveryTally.Clicked)] = tally.Clicked,
        [nameof(DeliveryTally.Bounced)] = tally.Bounced,
        [nameof(DeliveryTally.Unsubscribed)] = tally.Unsubscribed,
    };

    private static DeliveryTally ToTally(TableEntity row) => new(
        row.GetInt32(nameof(DeliveryTally.Delivered)) ?? 0,
        row.GetInt32(nameof(DeliveryTally.Opened)) ?? 0,
        row.GetInt32(nameof(DeliveryTally.Clicked)) ?? 0,
        row.GetInt32(nameof(DeliveryTally.Bounced)) ?? 0,
        row.GetInt32(nameof(DeliveryTally.Unsubscribed)) ?? 0);

    // Campaign and event ids come from outside (SendGrid echoes what it was given) and may hold characters table keys
    // forbid (/ \ # ?); a hash is always a valid key.
    private static string PartitionKeyOf(string campaignId) => Hash(campaignId);

    private static string EventRowKey(string eventId) => $"event|{Hash(eventId)}";

    private static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
