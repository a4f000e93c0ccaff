namespace GoodThings.Subscriptions;

/// <summary>What an organiser asks of the list: a status, a topic, a page size and where the last page ended.</summary>
public sealed record SubscriberQuery(SubscriberStatus? Status, string? Topic, int PageSize, string? After)
{
    public const int MaxPageSize = 1000;

    /// <summary>A subscriber with no topics follows every topic, so they are on every topic's list.</summary>
    public bool Matches(SubscriberRecord subscriber) =>
        Topic is null || subscriber.Topics.Count == 0 || subscriber.Topics.Contains(Topic, StringComparer.Ordinal);
}

/// <summary>A subscriber as organisers see them, in JSON and CSV: never the confirmation nonce, never the key.</summary>
public sealed record SubscriberRow(
    string Email, string? Name, IReadOnlyList<string> Topics, string Status,
    DateTime RequestedAt, DateTime? ConsentAt, string? ConsentSource, string? ConsentIp, DateTime? UnsubscribedAt);

public sealed record SubscriberPage(IReadOnlyList<SubscriberRow> Items, string? Next);

/// <summary>The organisers' view of the mailing list: a page at a time, or all of it as CSV.</summary>
public sealed class SubscriberListing(SubscriberStore store)
{
    private static readonly string[] Header = ["email", "name", "topics", "status", "requestedAt", "consentAt", "consentSource", "consentIp", "unsubscribedAt"];

    /// <returns>Up to a page of subscribers, and where the next page starts (null on the last page).</returns>
    public async Task<SubscriberPage> PageAsync(SubscriberQuery query, CancellationToken cancellationToken)
    {
        var page = new List<SubscriberRecord>(query.PageSize);
        await foreach (var subscriber in store.ListAsync(query.Status, query.After, query.Matches, cancellationToken))
        {
            page.Add(subscriber);
            if (page.Count == query.PageSize)
            {
                break;
            }
        }

        // A full page may have a next one; reading one row ahead to know would cost a round trip for nothing.
        return new SubscriberPage([.. page.Select(Row)], page.Count == query.PageSize ? page[^1].Key : null);
    }

    public async Task<byte[]> CsvAsync(SubscriberQuery query, CancellationToken cancellationToken)
    {
        var rows = new List<string?[]>();
        await foreach (var subscriber in store.ListAsync(query.Status, after: null, query.Matches, cancellationToken))
        {
            var row = Row(subscriber);
            rows.Add([
                row.Email, row.Name, string.Join(' ', row.Topics), row.Status, Csv.Iso(row.RequestedAt),
                Csv.Iso(row.ConsentAt), row.ConsentSource, row.ConsentIp, Csv.Iso(row.UnsubscribedAt),
            ]);
        }

        return Csv.Write(Header, rows);
    }

    private static SubscriberRow Row(SubscriberRecord s) => new(
        s.Email, s.Name, s.Topics, EventJson.Camel(s.Status), s.RequestedAt.UtcDateTime,
        s.Consent?.At.UtcDateTime, s.Consent?.Source, s.Consent?.IpAddress, s.UnsubscribedAt?.UtcDateTime);
}
