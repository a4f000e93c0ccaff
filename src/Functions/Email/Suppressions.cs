using System.Security.Cryptography;

namespace GoodThings.Email;

/// <summary>What a suppression stops: every email to the address, or newsletters and announcements only.</summary>
public enum SuppressionScope
{
    Newsletters,
    All,
}

/// <summary>Why an address is suppressed; the SendGrid event names, plus an erasure the person asked for.</summary>
public static class SuppressionReasons
{
    public const string Bounce = "bounce";
    public const string SpamReport = "spamreport";
    public const string Dropped = "dropped";
    public const string Unsubscribe = "unsubscribe";
    public const string GroupUnsubscribe = "group_unsubscribe";
    public const string Erased = "erased";
}

/// <summary>One address's suppression: the strongest scope it is under, and the latest reason that set it.</summary>
public sealed record Suppression(SuppressionScope Scope, string Reason, DateTimeOffset At);

/// <summary>
/// The Suppressions table: addresses never to be mailed again (or never sent newsletters). A row is keyed by an
/// HMAC of the normalised address, keyed by a key derived from <c>Tokens:SigningKey</c>, and holds nothing else
/// about the person: it must outlive an erasure, and a keyed hash cannot be reversed by hashing a list of likely
/// addresses, as a plain SHA-256 can.
/// </summary>
public sealed class Suppressions(Tables tables, IOptions<TokenOptions> tokens, TimeProvider time)
{
    public const string TableName = "Suppressions";
    private const string RowKey = "suppression";

    private readonly Lazy<byte[]> _key = new(() => HMACSHA256.HashData(Encoding.UTF8.GetBytes(tokens.Value.SigningKey), "suppression-list"u8));

    /// <summary>The row key of an address: lower-case hex HMAC-SHA256 of the normalised address.</summary>
    public string KeyOf(string email) => Convert.ToHexStringLower(HMACSHA256.HashData(_key.Value, Encoding.UTF8.GetBytes(AddressKey.Normalise(email))));

    /// <summary>Suppresses the address; a scope never narrows (a hard bounce after an unsubscribe stays "all").</summary>
    public Task SuppressAsync(string email, SuppressionScope scope, string reason, CancellationToken cancellationToken) =>
        Optimistic.RetryRowAsync(
            async () =>
            {
                var table = await tables.GetAsync(TableName, cancellationToken);
                var key = KeyOf(email);
                var existing = await table.GetEntityIfExistsAsync<TableEntity>(key, RowKey, cancellationToken: cancellationToken);
                var entity = new TableEntity(key, RowKey) { ["Reason"] = reason, ["At"] = time.GetUtcNow() };
                if (!existing.HasValue)
                {
                    entity["Scope"] = scope.ToString();
                    await table.AddEntityAsync(entity, cancellationToken);
                    return true;
                }

                var held = ToSuppression(existing.Value!);
                entity["Scope"] = (held.Scope > scope ? held.Scope : scope).ToString();
                await table.UpdateEntityAsync(entity, existing.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                return true;
            },
            cancellationToken);

    public async Task<Suppression?> GetAsync(string email, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(KeyOf(email), RowKey, cancellationToken: cancellationToken);
        return row.HasValue ? ToSuppression(row.Value!) : null;
    }

    /// <summary>Whether an email of this kind may go to the address: transactional email is stopped only by scope "all".</summary>
    public async Task<Suppression?> StopsAsync(string email, SuppressionScope kind, CancellationToken cancellationToken) =>
        await GetAsync(email, cancellationToken) is { } suppression && suppression.Scope >= kind ? suppression : null;

    /// <summary>The keys of every suppressed address, for an audience taken in one pass (a suppression stops newsletters whatever its scope).</summary>
    public async Task<HashSet<string>> ListKeysAsync(CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var row in table.QueryAsync<TableEntity>(select: ["PartitionKey"], cancellationToken: cancellationToken))
        {
            keys.Add(row.PartitionKey);
        }

        return keys;
    }

    /// <summary>
    /// Lifts a newsletters-only suppression once the person confirms a new subscription (the double opt-in proves they
    /// want mail again); a bounce or spam report (scope "all") stays.
    /// </summary>
    public async Task LiftNewslettersAsync(string email, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(KeyOf(email), RowKey, cancellationToken: cancellationToken);
        if (row.HasValue && ToSuppression(row.Value!).Scope == SuppressionScope.Newsletters)
        {
            await table.DeleteEntityAsync(row.Value!, row.Value!.ETag, cancellationToken);
        }
    }

    private static Suppression ToSuppression(TableEntity row) =>
        new(Enum.Parse<SuppressionScope>(row.GetString("Scope")), row.GetString("Reason"), row.GetDateTimeOffset("At") ?? default);
}
