using Azure;

namespace GoodThings.Campaigns;

public sealed record LoadedCampaign(CampaignRecord Campaign, ETag ETag);

public enum BatchStatus
{
    Pending,

    /// <summary>Claimed by an attempt until <see cref="CampaignBatch.ClaimedAt"/> plus the claim lease.</summary>
    Sending,
    Sent,

    /// <summary>SendGrid refused it outright, or it failed too often; its recipients count as failed.</summary>
    Failed,

    /// <summary>The campaign was cancelled before this batch went.</summary>
    Cancelled,
}

/// <summary>One person in a batch, as they were when the campaign started.</summary>
/// <param name="Key">Their subscriber key, which their unsubscribe and preferences links name.</param>
public sealed record CampaignRecipient(string Key, string Email, string? Name);

/// <summary>
/// Up to <see cref="BulkEmail.MaxRecipients"/> recipients sent in one SendGrid call. The recipients are held only until
/// the batch is done: a finished batch keeps its counts and nobody's address.
/// </summary>
public sealed record CampaignBatch(int Index, BatchStatus Status, int Size, int Attempts, DateTimeOffset UpdatedAt, DateTimeOffset? ClaimedAt = null, string? LastError = null)
{
    public bool IsDone => Status is BatchStatus.Sent or BatchStatus.Failed or BatchStatus.Cancelled;
}

public sealed record LoadedBatch(CampaignBatch Batch, IReadOnlyList<CampaignRecipient>? Recipients, ETag ETag);

/// <summary>
/// The Campaigns table: one partition per campaign, holding the campaign row and its batch rows, so reading a
/// campaign's progress is one query and claiming a batch is one conditional update.
/// </summary>
public sealed class CampaignStore(Tables tables)
{
    public const string TableName = "Campaigns";
    private const string CampaignRow = "campaign";
    private const string BatchPrefix = "batch-";
    private const string RecipientsProperty = "Recipients";

    // A transaction carries at most 100 entities and 4 MiB; batches are packed well under that.
    private const long TransactionBytes = 3 * 1024 * 1024;

    private static readonly string[] BatchColumns = ["PartitionKey", "RowKey", "Status", "Size", "Attempts", "UpdatedAt", "ClaimedAt", "LastError"];

    public async Task AddAsync(CampaignRecord campaign, CancellationToken cancellationToken) =>
        await (await TableAsync(cancellationToken)).AddNewAsync(ToEntity(campaign), cancellationToken);

    public async Task<LoadedCampaign?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsId(id))
        {
            return null;
        }

        var row = await (await TableAsync(cancellationToken)).GetEntityIfExistsAsync<TableEntity>(id, CampaignRow, cancellationToken: cancellationToken);
        return row.HasValue ? new LoadedCampaign(ToRecord(row.Value!), row.Value!.ETag) : null;
    }

    /// <summary>Replaces the campaign row read as <paramref name="etag"/>; a concurrent change fails with 412.</summary>
    public async Task<ETag> ReplaceAsync(CampaignRecord campaign, ETag etag, CancellationToken cancellationToken)
    {
        var response = await (await TableAsync(cancellationToken)).UpdateEntityAsync(ToEntity(campaign), etag, TableUpdateMode.Replace, cancellationToken);
        return response.Headers.ETag ?? ETag.All;
    }

    public async Task<IReadOnlyList<CampaignRecord>> ListAsync(CancellationToken cancellationToken) =>
        await QueryCampaignsAsync(TableClient.CreateQueryFilter($"RowKey eq {CampaignRow}"), cancellationToken);

    /// <summary>Campaigns the timer looks after: scheduled ones, and those still sending.</summary>
    public async Task<IReadOnlyList<CampaignRecord>> ListActiveAsync(CancellationToken cancellationToken) =>
        await QueryCampaignsAsync(
            TableClient.CreateQueryFilter($"RowKey eq {CampaignRow} and (Status eq {nameof(CampaignStatus.Scheduled)} or Status eq {nameof(CampaignStatus.Sending)})"),
            cancellationToken);

    /// <summary>Writes (or overwrites) the batches of a campaign not yet sealed, in as few transactions as fit.</summary>
    public async Task WriteBatchesAsync(string id, IReadOnlyList<IReadOnlyList<CampaignRecipient>> batches, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var transaction = new List<TableTransactionAction>();
        long bytes = 0;
        for (var index = 0; index < batches.Count; index++)
        {
            var entity = ToEntity(id, new CampaignBatch(index, BatchStatus.Pending, batches[index].Count, 0, now));
            PackedProperty.Write(entity, RecipientsProperty, batches[index]);
            var size = PackedProperty.SizeOf(entity, RecipientsProperty);
            if (transaction.Count == 100 || bytes + size > TransactionBytes)
            {
                await table.SubmitTransactionAsync(transaction, cancellationToken);
                (transaction, bytes) = ([], 0);
            }

            transaction.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
            bytes += size;
        }

        if (transaction.Count > 0)
        {
            await table.SubmitTransactionAsync(transaction, cancellationToken);
        }
    }

    /// <summary>Deletes the batches numbered <paramref name="from"/> on: left by an earlier attempt that took a larger audience, or all of a cancelled start.</summary>
    public async Task DeleteBatchesFromAsync(string id, int from, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        foreach (var batch in (await ListBatchesAsync(id, cancellationToken)).Where(b => b.Index >= from))
        {
            await table.DeleteEntityAsync(id, BatchKey(batch.Index), ETag.All, cancellationToken);
        }
    }

    public async Task<LoadedBatch?> GetBatchAsync(string id, int index, CancellationToken cancellationToken)
    {
        var row = await (await TableAsync(cancellationToken)).GetEntityIfExistsAsync<TableEntity>(id, BatchKey(index), cancellationToken: cancellationToken);
        if (!row.HasValue)
        {
            return null;
        }

        var entity = row.Value!;
        var recipients = entity.ContainsKey($"{RecipientsProperty}0") ? PackedProperty.Read<List<CampaignRecipient>>(entity, RecipientsProperty) : null;
        return new LoadedBatch(ToBatch(entity), recipients, entity.ETag);
    }

    /// <summary>
    /// Updates a batch read as <paramref name="etag"/>. Its recipients stay while it may still be sent, and go
    /// (the row is replaced) once it is done.
    /// </summary>
    public async Task<ETag> UpdateBatchAsync(string id, CampaignBatch batch, ETag etag, CancellationToken cancellationToken)
    {
        var response = await (await TableAsync(cancellationToken)).UpdateEntityAsync(
            ToEntity(id, batch), etag, batch.IsDone ? TableUpdateMode.Replace : TableUpdateMode.Merge, cancellationToken);
        return response.Headers.ETag ?? ETag.All;
    }

    public async Task<IReadOnlyList<CampaignBatch>> ListBatchesAsync(string id, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {id} and RowKey ge {BatchPrefix} and RowKey lt {BatchPrefix + "~"}");
        var batches = new List<CampaignBatch>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: BatchColumns, cancellationToken: cancellationToken))
        {
            batches.Add(ToBatch(row));
        }

        return batches;
    }

    public static bool IsId(string id) => id.Length == 32 && id.All(Uri.IsHexDigit);

    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => tables.GetAsync(TableName, cancellationToken);

    private async Task<IReadOnlyList<CampaignRecord>> QueryCampaignsAsync(string filter, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var campaigns = new List<CampaignRecord>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            campaigns.Add(ToRecord(row));
        }

        return campaigns;
    }

    private static string BatchKey(int index) => $"{BatchPrefix}{index:D5}";

    private static TableEntity ToEntity(CampaignRecord c)
    {
        var entity = new TableEntity(c.Id, CampaignRow)
        {
            ["Subject"] = c.Content.Subject,
            ["Preheader"] = c.Content.Preheader,
            ["Topics"] = JsonSerializer.Serialize(c.Content.Topics),
            ["SendAt"] = c.Content.SendAt,
            ["Status"] = c.Status.ToString(),
            ["CreatedAt"] = c.CreatedAt,
            ["UpdatedAt"] = c.UpdatedAt,
            ["StartedAt"] = c.StartedAt,
            ["FinishedAt"] = c.FinishedAt,
            ["CancelledAt"] = c.CancelledAt,
            ["AudienceRecipients"] = c.Audience?.Recipients,
            ["AudienceBatches"] = c.Audience?.Batches,
        };
        PackedProperty.Write(entity, "Body", c.Content.Body);
        return entity;
    }

    private static CampaignRecord ToRecord(TableEntity row) => new()
    {
        Id = row.PartitionKey,
        Content = new CampaignContent(
            row.GetString("Subject"),
            row.GetString("Preheader"),
            PackedProperty.Read<string>(row, "Body"),
            JsonSerializer.Deserialize<List<string>>(row.GetString("Topics") ?? "[]") ?? [],
            row.GetDateTimeOffset("SendAt")),
        Status = Enum.Parse<CampaignStatus>(row.GetString("Status")),
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
        UpdatedAt = row.GetDateTimeOffset("UpdatedAt") ?? default,
        StartedAt = row.GetDateTimeOffset("StartedAt"),
        FinishedAt = row.GetDateTimeOffset("FinishedAt"),
        CancelledAt = row.GetDateTimeOffset("CancelledAt"),
        Audience = row.GetInt32("AudienceRecipients") is { } recipients ? new CampaignAudience(recipients, row.GetInt32("AudienceBatches") ?? 0) : null,
    };

    private static TableEntity ToEntity(string id, CampaignBatch b) => new(id, BatchKey(b.Index))
    {
        ["Status"] = b.Status.ToString(),
        ["Size"] = b.Size,
        ["Attempts"] = b.Attempts,
        ["UpdatedAt"] = b.UpdatedAt,
        ["ClaimedAt"] = b.ClaimedAt,
        ["LastError"] = b.LastError,
    };

    private static CampaignBatch ToBatch(TableEntity row) => new(
        int.Parse(row.RowKey.AsSpan(BatchPrefix.Length), CultureInfo.InvariantCulture),
        Enum.Parse<BatchStatus>(row.GetString("Status")),
        row.GetInt32("Size") ?? 0,
        row.GetInt32("Attempts") ?? 0,
        row.GetDateTimeOffset("UpdatedAt") ?? default,
        row.GetDateTimeOffset("ClaimedAt"),
        row.GetString("LastError"));
}
