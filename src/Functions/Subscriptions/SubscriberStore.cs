using Azure;

namespace GoodThings.Subscriptions;

/// <summary>A subscriber row as read, with the ETag an update is guarded by.</summary>
public sealed record LoadedSubscriber(SubscriberRecord Subscriber, ETag ETag);

/// <summary>
/// The Subscribers table: one partition per address (key: SHA-256 of the trimmed, upper-cased address), so the
/// address itself is never a key and every change to a subscriber is one ETag-guarded row.
/// </summary>
public sealed class SubscriberStore(Tables tables)
{
    public const string TableName = "Subscribers";
    private const string RowKey = "subscriber";

    public static string KeyOf(string email) => AddressKey.Of(email);

    public async Task<LoadedSubscriber?> GetAsync(string key, CancellationToken cancellationToken)
    {
        if (key.Length != 64 || !key.All(Uri.IsHexDigit))
        {
            return null;
        }

        var table = await tables.GetAsync(TableName, cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(key, RowKey, cancellationToken: cancellationToken);
        return row.HasValue ? new LoadedSubscriber(ToRecord(row.Value!), row.Value!.ETag) : null;
    }

    /// <summary>Adds a new subscriber, or replaces the row read as <paramref name="previous"/>; a concurrent change fails with 409/412.</summary>
    public async Task SaveAsync(SubscriberRecord subscriber, LoadedSubscriber? previous, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var entity = ToEntity(subscriber);
        if (previous is null)
        {
            await table.AddEntityAsync(entity, cancellationToken);
        }
        else
        {
            await table.UpdateEntityAsync(entity, previous.ETag, TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>Deletes the row (whatever changed since it was read: an erasure wins); gone already is fine.</summary>
    public async Task DeleteAsync(string key, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        await table.DeleteEntityAsync(key, RowKey, ETag.All, cancellationToken);
    }

    /// <summary>Every confirmed subscriber, for a fan-out.</summary>
    public async IAsyncEnumerable<SubscriberRecord> ListSubscribedAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var filter = TableClient.CreateQueryFilter($"Status eq {nameof(SubscriberStatus.Subscribed)}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            yield return ToRecord(row);
        }
    }

    /// <summary>
    /// Subscribers in key order after <paramref name="after"/> (a key a page ended on), those with the given status
    /// only when one is given, each passed through <paramref name="keep"/>. Keys are hashes, so the order says nothing.
    /// </summary>
    public async IAsyncEnumerable<SubscriberRecord> ListAsync(
        SubscriberStatus? status, string? after, Func<SubscriberRecord, bool> keep, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken);
        var filter = (status, after) switch
        {
            (null, null) => null,
            ({ } only, null) => TableClient.CreateQueryFilter($"Status eq {only.ToString()}"),
            (null, { } key) => TableClient.CreateQueryFilter($"PartitionKey gt {key}"),
            ({ } only, { } key) => TableClient.CreateQueryFilter($"PartitionKey gt {key} and Status eq {only.ToString()}"),
        };
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var subscriber = ToRecord(row);
            if (keep(subscriber))
            {
                yield return subscriber;
            }
        }
    }

    private static TableEntity ToEntity(SubscriberRecord s) => new(s.Key, RowKey)
    {
        ["Email"] = s.Email,
        ["Name"] = s.Name,
        ["Topics"] = JsonSerializer.Serialize(s.Topics),
        ["Status"] = s.Status.ToString(),
        ["RequestedAt"] = s.RequestedAt,
        ["RequestSource"] = s.RequestSource,
        ["ConfirmationSentAt"] = s.ConfirmationSentAt,
        ["ConfirmationNonce"] = s.ConfirmationNonce,
        ["ConsentAt"] = s.Consent?.At,
        ["ConsentSource"] = s.Consent?.Source,
        ["ConsentIp"] = s.Consent?.IpAddress,
        ["UnsubscribedAt"] = s.UnsubscribedAt,
    };

    private static SubscriberRecord ToRecord(TableEntity row) => new()
    {
        Key = row.PartitionKey,
        Email = row.GetString("Email"),
        Name = row.GetString("Name"),
        Topics = JsonSerializer.Deserialize<List<string>>(row.GetString("Topics") ?? "[]") ?? [],
        Status = Enum.Parse<SubscriberStatus>(row.GetString("Status")),
        RequestedAt = row.GetDateTimeOffset("RequestedAt") ?? default,
        RequestSource = row.GetString("RequestSource") ?? SubscriptionSources.Form,
        ConfirmationSentAt = row.GetDateTimeOffset("ConfirmationSentAt"),
        ConfirmationNonce = row.GetString("ConfirmationNonce"),
        Consent = row.GetDateTimeOffset("ConsentAt") is { } at ? new Consent(at, row.GetString("ConsentSource") ?? SubscriptionSources.Form, row.GetString("ConsentIp")) : null,
        UnsubscribedAt = row.GetDateTimeOffset("UnsubscribedAt"),
    };
}
