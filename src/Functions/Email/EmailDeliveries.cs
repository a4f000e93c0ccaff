using System.Security.Cryptography;
using Azure;

namespace GoodThings.Email;

/// <summary>
/// The delivery record of each logical email, keyed by its idempotency key. A delivery is claimed before it is
/// sent and marked sent right after, so a retried or duplicated outbox message never sends twice.
/// </summary>
public sealed class EmailDeliveries(Tables tables, TimeProvider time)
{
    public const string TableName = "EmailDeliveries";

    /// <summary>
    /// How long a claim keeps other attempts away. Longer than one attempt can take (function timeout 5 min),
    /// so only a claim whose holder died is ever taken over.
    /// </summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    private const string RowKey = "delivery";

    public async Task<DeliveryClaim> ClaimAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var partitionKey = PartitionKeyOf(idempotencyKey);
        var now = time.GetUtcNow();
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, RowKey, cancellationToken: cancellationToken);
        if (!existing.HasValue)
        {
            var entity = new TableEntity(partitionKey, RowKey)
            {
                ["IdempotencyKey"] = idempotencyKey,
                ["Status"] = nameof(DeliveryStatus.Sending),
                ["ClaimedAt"] = now,
                ["Attempts"] = 1,
            };
            try
            {
                var added = await table.AddEntityAsync(entity, cancellationToken);
                return new DeliveryClaim(DeliveryOutcome.Claimed, partitionKey, added.Headers.ETag ?? ETag.All);
            }
            catch (RequestFailedException exception) when (exception.Status == 409)
            {
                return new DeliveryClaim(DeliveryOutcome.InProgress, partitionKey, default);
            }
        }

        var record = existing.Value!;
        var status = Enum.Parse<DeliveryStatus>(record.GetString("Status"));
        if (status is DeliveryStatus.Sent or DeliveryStatus.Skipped)
        {
            return new DeliveryClaim(DeliveryOutcome.AlreadyDone, partitionKey, record.ETag);
        }

        if (status == DeliveryStatus.Sending && record.GetDateTimeOffset("ClaimedAt") > now - ClaimLease)
        {
            return new DeliveryClaim(DeliveryOutcome.InProgress, partitionKey, record.ETag);
        }

        // Failed before, or claimed by an attempt that died: take it over, unless another attempt just did.
        record["Status"] = nameof(DeliveryStatus.Sending);
        record["ClaimedAt"] = now;
        record["Attempts"] = (record.GetInt32("Attempts") ?? 0) + 1;
        try
        {
            var updated = await table.UpdateEntityAsync(record, record.ETag, TableUpdateMode.Replace, cancellationToken);
            return new DeliveryClaim(DeliveryOutcome.Claimed, partitionKey, updated.Headers.ETag ?? ETag.All);
        }
        catch (RequestFailedException exception) when (exception.Status == 412)
        {
            return new DeliveryClaim(DeliveryOutcome.InProgress, partitionKey, record.ETag);
        }
    }

    public Task MarkSentAsync(DeliveryClaim claim, CancellationToken cancellationToken) =>
        MarkAsync(claim, DeliveryStatus.Sent, reason: null, cancellationToken);

    public Task MarkSkippedAsync(DeliveryClaim claim, CancellationToken cancellationToken) =>
        MarkAsync(claim, DeliveryStatus.Skipped, reason: null, cancellationToken);

    public Task MarkFailedAsync(DeliveryClaim claim, string reason, CancellationToken cancellationToken) =>
        MarkAsync(claim, DeliveryStatus.Failed, reason, cancellationToken);

    public async Task<DeliveryStatus?> StatusAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var record = await table.GetEntityIfExistsAsync<TableEntity>(PartitionKeyOf(idempotencyKey), RowKey, cancellationToken: cancellationToken);
        return record.HasValue ? Enum.Parse<DeliveryStatus>(record.Value!.GetString("Status")) : null;
    }

    private async Task MarkAsync(DeliveryClaim claim, DeliveryStatus status, string? reason, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var entity = new TableEntity(claim.PartitionKey, RowKey)
        {
            ["Status"] = status.ToString(),
            [status == DeliveryStatus.Failed ? "FailedAt" : "CompletedAt"] = time.GetUtcNow(),
        };
        if (reason is not null)
        {
            entity["LastError"] = reason.Length > 1000 ? reason[..1000] : reason;
        }

        // Guarded by the claim's ETag: a holder whose lease was taken over must not overwrite the new holder.
        await table.UpdateEntityAsync(entity, claim.ETag, TableUpdateMode.Merge, cancellationToken);
    }

    // Idempotency keys may hold characters Table keys forbid (/ \ # ?); a hash is always a valid key.
    private static string PartitionKeyOf(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));
}

public enum DeliveryStatus
{
    Sending,
    Sent,
    Skipped,
    Failed,
}

public enum DeliveryOutcome
{
    /// <summary>This attempt holds the delivery and must send, then mark it.</summary>
    Claimed,

    /// <summary>Sent (or deliberately skipped) already: nothing to do.</summary>
    AlreadyDone,

    /// <summary>Another attempt holds a live claim: try again later.</summary>
    InProgress,
}

public readonly record struct DeliveryClaim(DeliveryOutcome Outcome, string PartitionKey, ETag ETag);
