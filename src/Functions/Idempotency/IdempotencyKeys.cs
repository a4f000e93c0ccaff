using System.Security.Cryptography;
using Azure;

namespace GoodThings.Idempotency;

/// <summary>An answer kept for a key, to give again, byte for byte, to a repeat of its request.</summary>
public sealed record KeptAnswer(int Status, string ContentType, string Body, string? Location);

/// <summary>What a request's <c>Idempotency-Key</c> leads to.</summary>
public abstract record KeyClaim
{
    private KeyClaim()
    {
    }

    /// <summary>The key is this request's to run; <see cref="IdempotencyKeys.KeepAsync"/> or <see cref="IdempotencyKeys.ReleaseAsync"/> ends the claim.</summary>
    public sealed record Run(string Key, ETag ETag, DateTimeOffset CreatedAt) : KeyClaim;

    /// <summary>The key's first request ended: give its answer again and do nothing.</summary>
    public sealed record Replay(KeptAnswer Answer) : KeyClaim;

    /// <summary>The key's first request is still running.</summary>
    public sealed record InUse : KeyClaim;

    /// <summary>The key was used for a different request (another route or body).</summary>
    public sealed record Mismatch : KeyClaim;
}

/// <summary>
/// Management requests' idempotency keys, as Stripe's API has them: the first request with a key claims it and
/// keeps its answer for <see cref="Lifetime"/>; a repeat with the same key and the same request gets that answer
/// again and changes nothing. One row per key (its SHA-256, since keys are any client text) in the IdempotencyKeys
/// table.
/// </summary>
public sealed class IdempotencyKeys(Tables tables, TimeProvider time)
{
    public const string TableName = "IdempotencyKeys";

    /// <summary>How long a key holds its answer.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>
    /// How long a claim keeps repeats away while its request runs. Longer than any request may take (Azure's front
    /// end ends a request after 230 s), so a running request is never run twice; a claim left by a crashed process
    /// lapses after it.
    /// </summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(4);

    private const string RowKey = "key";

    public async Task<KeyClaim> ClaimAsync(string key, string requestHash, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var partition = Hash(key);
        var now = time.GetUtcNow();
        var claim = new TableEntity(partition, RowKey)
        {
            ["RequestHash"] = requestHash,
            ["CreatedAt"] = now,
            ["ClaimedUntil"] = now + ClaimLease,
        };
        try
        {
            var added = await table.AddEntityAsync(claim, cancellationToken);
            return new KeyClaim.Run(partition, added.Headers.ETag ?? throw new InvalidOperationException("Table Storage answered an add without an ETag."), now);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            // Someone holds the key, or held it: read what they left.
        }

        var existing = await table.GetEntityIfExistsAsync<TableEntity>(partition, RowKey, cancellationToken: cancellationToken);
        if (!existing.HasValue)
        {
            return new KeyClaim.InUse(); // released between the add and the read: the client may simply try again
        }

        var row = existing.Value!;
        var expired = row.GetDateTimeOffset("CreatedAt") + Lifetime <= now;
        if (!expired && row.GetString("RequestHash") != requestHash)
        {
            return new KeyClaim.Mismatch();
        }

        if (!expired && row.GetInt32("Status") is { } status)
        {
            return new KeyClaim.Replay(new KeptAnswer(status, row.GetString("ContentType"), PackedProperty.Read<string>(row, "Body"), row.GetString("Location")));
        }

        if (!expired && row.GetDateTimeOffset("ClaimedUntil") > now)
        {
            return new KeyClaim.InUse();
        }

        // An expired key starts afresh; a lapsed claim is taken over. The ETag makes one taker win.
        try
        {
            var replaced = await table.UpdateEntityAsync(claim, row.ETag, TableUpdateMode.Replace, cancellationToken);
            return new KeyClaim.Run(partition, replaced.Headers.ETag ?? throw new InvalidOperationException("Table Storage answered an update without an ETag."), now);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            return new KeyClaim.InUse();
        }
    }

    /// <summary>Keeps the answer of a claimed key's request, for repeats within <see cref="Lifetime"/>.</summary>
    public async Task KeepAsync(KeyClaim.Run claim, string requestHash, KeptAnswer answer, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var kept = new TableEntity(claim.Key, RowKey)
        {
            ["RequestHash"] = requestHash,
            ["CreatedAt"] = claim.CreatedAt,
            ["Status"] = answer.Status,
            ["ContentType"] = answer.ContentType,
            ["Location"] = answer.Location,
        };
        PackedProperty.Write(kept, "Body", answer.Body);
        await table.UpdateEntityAsync(kept, claim.ETag, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Lets the key go when its request changed nothing (refused, or failed), so it can be used again.</summary>
    public async Task ReleaseAsync(KeyClaim.Run claim, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        try
        {
            await table.DeleteEntityAsync(claim.Key, RowKey, claim.ETag, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status is 404 or 412)
        {
            // Taken over after the lease lapsed: no longer this request's to release.
        }
    }

    /// <summary>Deletes keys past their lifetime; run by the daily retention pass.</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var cutoff = time.GetUtcNow() - Lifetime;
        var deleted = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"CreatedAt le {cutoff}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            try
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);
                deleted++;
            }
            catch (RequestFailedException exception) when (exception.Status is 404 or 412)
            {
                // Gone already, or claimed afresh since the query.
            }
        }

        return deleted;
    }

    private static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
