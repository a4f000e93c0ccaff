using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Azure;

namespace GoodThings.Email;

/// <summary>
/// The delivery record of each logical email, keyed by its idempotency key. A delivery is claimed before it is
/// sent and marked sent right after, so a retried or duplicated outbox message never sends twice.
/// </summary>
public sealed partial class EmailDeliveries(Tables tables, TimeProvider time, IOptions<EmailOptions> options)
{
    public const string TableName = "EmailDeliveries";

    /// <summary>What stands in <c>LastError</c> for anything shaped like an email address.</summary>
    public const string AddressPlaceholder = "[address]";

    private const string RowKey = "delivery";
    private const string LastError = "LastError";
    private const string SkipReason = "SkipReason";

    /// <summary>How long a claim keeps other attempts away (<see cref="EmailOptions.ClaimLease"/>).</summary>
    public TimeSpan ClaimLease => options.Value.ClaimLease;

    public async Task<DeliveryClaim> ClaimAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var partitionKey = PartitionKeyOf(idempotencyKey);
        var now = time.GetUtcNow();
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, RowKey, cancellationToken: cancellationToken);
        if (!existing.HasValue)
        {
            // The key itself is not kept (the partition key is its hash): a subscriber's keys hold their address hash,
            // which must not outlive an erasure of their data.
            var entity = new TableEntity(partitionKey, RowKey)
            {
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
                return new DeliveryClaim(DeliveryOutcome.InProgress, partitionKey, default, TimeSpan.Zero, ClaimLease);
            }
        }

        var record = existing.Value!;
        var status = Enum.Parse<DeliveryStatus>(record.GetString("Status"));
        if (status is DeliveryStatus.Sent or DeliveryStatus.Skipped)
        {
            return new DeliveryClaim(DeliveryOutcome.AlreadyDone, partitionKey, record.ETag);
        }

        if (status == DeliveryStatus.Sending && record.GetDateTimeOffset("ClaimedAt") is { } claimedAt && claimedAt + ClaimLease > now)
        {
            return new DeliveryClaim(DeliveryOutcome.InProgress, partitionKey, record.ETag, now - claimedAt, claimedAt + ClaimLease - now);
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
            return new DeliveryClaim(DeliveryOutcome.InProgress, partitionKey, record.ETag, TimeSpan.Zero, ClaimLease);
        }
    }

    public Task MarkSentAsync(DeliveryClaim claim, CancellationToken cancellationToken) =>
        MarkAsync(claim, DeliveryStatus.Sent, reason: null, cancellationToken);

    /// <param name="reason">Why, when it is more than "nothing left to send", e.g. <c>suppressed: bounce</c>.</param>
    public Task MarkSkippedAsync(DeliveryClaim claim, string? reason, CancellationToken cancellationToken) =>
        MarkAsync(claim, DeliveryStatus.Skipped, reason, cancellationToken);

    public Task MarkFailedAsync(DeliveryClaim claim, string reason, CancellationToken cancellationToken) =>
        MarkAsync(claim, DeliveryStatus.Failed, reason, cancellationToken);

    public async Task<DeliveryStatus?> StatusAsync(string idempotencyKey, CancellationToken cancellationToken = default)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var record = await table.GetEntityIfExistsAsync<TableEntity>(PartitionKeyOf(idempotencyKey), RowKey, cancellationToken: cancellationToken);
        return record.HasValue ? Enum.Parse<DeliveryStatus>(record.Value!.GetString("Status")) : null;
    }

    /// <summary>Why the last attempt failed, as recorded (addresses removed), or null.</summary>
    public Task<string?> LastErrorAsync(string idempotencyKey, CancellationToken cancellationToken = default) =>
        ReadAsync(idempotencyKey, LastError, cancellationToken);

    /// <summary>Why the email was skipped, when a reason was given (e.g. <c>suppressed: bounce</c>), or null.</summary>
    public Task<string?> SkipReasonAsync(string idempotencyKey, CancellationToken cancellationToken = default) =>
        ReadAsync(idempotencyKey, SkipReason, cancellationToken);

    private async Task<string?> ReadAsync(string idempotencyKey, string property, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var record = await table.GetEntityIfExistsAsync<TableEntity>(PartitionKeyOf(idempotencyKey), RowKey, cancellationToken: cancellationToken);
        return record.HasValue ? record.Value!.GetString(property) : null;
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
            var scrubbed = WithoutAddresses(reason);
            entity[status == DeliveryStatus.Skipped ? SkipReason : LastError] = scrubbed.Length > 1000 ? scrubbed[..1000] : scrubbed;
        }

        // Guarded by the claim's ETag: a holder whose lease was taken over must not overwrite the new holder.
        await table.UpdateEntityAsync(entity, claim.ETag, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>
    /// Delivery records outlive the people they mention, so an error text (which may quote SendGrid's answer) keeps no
    /// address: anything shaped like one, even percent- or JSON-escaped, becomes <see cref="AddressPlaceholder"/>.
    /// </summary>
    public static string WithoutAddresses(string text) => AddressLike().Replace(text, AddressPlaceholder);

    [GeneratedRegex("""(?:"[^"\r\n]*"|[\p{L}\p{N}.!#$%&'*+/=?^_`{|}~-]+)(?:@|%40|\\u0040)\[?[\p{L}\p{N}-]+(?:[.:][\p{L}\p{N}-]+)*\]?""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AddressLike();

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

/// <param name="HeldFor">When <see cref="DeliveryOutcome.InProgress"/>: how long the other attempt has held it.</param>
/// <param name="LeaseLeft">When <see cref="DeliveryOutcome.InProgress"/>: how long until the other attempt's lease ends.</param>
public readonly record struct DeliveryClaim(DeliveryOutcome Outcome, string PartitionKey, ETag ETag, TimeSpan HeldFor = default, TimeSpan LeaseLeft = default);
