
namespace GoodThings.Subscriptions;

/// <summary>The outbox messages to subscribers, each with the idempotency key that names it.</summary>
public static class SubscriptionEmails
{
    public const string Confirm = "subscription-confirm";
    public const string Announcement = "event-announcement";

    /// <summary>One confirmation request; the nonce names it, so a stale or never-committed one is not sent.</summary>
    public static OutboxMessage Confirmation(SubscriberRecord subscriber, string nonce, DateTimeOffset requestedAt) => new(
        Confirm,
        $"subscriber:{subscriber.Key}:confirm:{nonce}",
        subscriber.Email,
        subscriber.Name,
        new Dictionary<string, string>
        {
            ["subscriber"] = subscriber.Key,
            [NonceReference] = nonce,
            [RequestedAtReference] = requestedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        });

    public const string NonceReference = "nonce";
    public const string RequestedAtReference = "requestedAt";

    /// <summary>At most one announcement of an event per subscriber, however often it is announced.</summary>
    public static OutboxMessage EventAnnouncement(SubscriberRecord subscriber, string eventId) => new(
        Announcement,
        $"subscriber:{subscriber.Key}:announce:{eventId}",
        subscriber.Email,
        subscriber.Name,
        new Dictionary<string, string> { ["subscriber"] = subscriber.Key, ["eventId"] = eventId });

    /// <summary>
    /// RFC 2369 and RFC 8058: mail clients show an unsubscribe button that POSTs to the https link at once. The mailto
    /// is the fallback some clients still want; replies to the sender address reach the organisers.
    /// </summary>
    /// <param name="campaignId">The campaign the email belongs to, whose unsubscribed count the one-click link adds to.</param>
    public static Dictionary<string, string> UnsubscribeHeaders(SiteOptions site, EmailOptions email, string token, string? campaignId = null) => new(StringComparer.Ordinal)
    {
        ["List-Unsubscribe"] = $"<{site.Link($"api/subscriptions/unsubscribe?token={token}{(campaignId is null ? "" : $"&campaign={campaignId}")}")}>, <mailto:{email.From}?subject=unsubscribe>",
        ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
    };
}
