using System.Text.Unicode;
using EllipticCurve;
using SendGrid.Helpers.EventWebhook;

namespace GoodThings.Email;

public enum DeliveryEventsStatus
{
    Applied,

    /// <summary>No key configured, a missing or wrong signature, or a timestamp outside the replay window.</summary>
    Unauthorized,

    /// <summary>Not a JSON array of events each with an <c>sg_event_id</c>; nothing applied.</summary>
    Invalid,
}

public sealed record DeliveryEventsResult(DeliveryEventsStatus Status, string Detail, int Events = 0);

/// <summary>One SendGrid event, reduced to what the app acts on; the address is used to suppress, never stored.</summary>
internal sealed record DeliveryEvent(string Id, string? Name, string? Email, string? Type, string? CampaignId)
{
    /// <summary>SendGrid reports a soft bounce (<c>blocked</c>) as a bounce too; only <c>type: bounce</c> is permanent.</summary>
    public bool IsHardBounce => Name == "bounce" && Type == "bounce";
}

/// <summary>
/// SendGrid's Event Webhook: a signed batch of delivery events. Verifies the batch, then suppresses addresses that
/// bounced, complained or unsubscribed (<see cref="Suppressions"/>) and counts campaigns' events
/// (<see cref="DeliveryTallies"/>). Applying a batch twice changes nothing more than applying it once, so SendGrid's
/// retry of a batch that failed half-way is safe.
/// </summary>
public sealed class DeliveryEvents(
    Suppressions suppressions,
    DeliveryTallies tallies,
    IOptions<SendGridOptions> options,
    TimeProvider time,
    ILogger<DeliveryEvents> logger)
{
    /// <summary>The signature header's name, as SendGrid sends it.</summary>
    public const string SignatureHeader = RequestValidator.SIGNATURE_HEADER;

    public const string TimestampHeader = RequestValidator.TIMESTAMP_HEADER;

    /// <summary>SendGrid batches events into POSTs well under this; anything larger is not SendGrid.</summary>
    public const int MaxBodyBytes = 5 * 1024 * 1024;

    /// <summary>A signed batch older (or newer) than this is refused, so a captured one cannot be replayed later.</summary>
    public static readonly TimeSpan ReplayWindow = TimeSpan.FromMinutes(10);

    /// <summary>Enough concurrent suppression writes to finish a 1 000-event batch quickly without flooding storage.</summary>
    private const int ConcurrentWrites = 16;

    private static readonly RequestValidator Validator = new();

    private readonly Lazy<PublicKey?> _key = new(() => ParseKey(options.Value.WebhookPublicKey));

    /// <summary>The key SendGrid shows for the signed webhook (base64 DER SubjectPublicKeyInfo), or null when it is not one.</summary>
    public static PublicKey? ParseKey(string? publicKey)
    {
        if (string.IsNullOrWhiteSpace(publicKey))
        {
            return null;
        }

        try
        {
            return Validator.ConvertPublicKeyToECDSA(publicKey.Trim());
        }
        catch (Exception)
        {
            // The SDK's PEM and DER parsing throws whatever it meets (format, index, argument errors) on a bad key.
            return null;
        }
    }

    public async Task<DeliveryEventsResult> ReceiveAsync(byte[] body, string? signature, string? timestamp, CancellationToken cancellationToken)
    {
        if (Unverified(body, signature, timestamp) is { } refusal)
        {
            logger.LogWarning("SendGrid webhook refused: {Reason}", refusal);
            return new(DeliveryEventsStatus.Unauthorized, refusal);
        }

        if (Parse(body, out var problem) is not { } events)
        {
            return new(DeliveryEventsStatus.Invalid, problem);
        }

        await Task.WhenAll(SuppressAsync(events, cancellationToken), CountAsync(events, cancellationToken));
        logger.LogInformation("SendGrid webhook: {Count} events applied", events.Count);
        return new(DeliveryEventsStatus.Applied, "Applied.", events.Count);
    }

    /// <returns>Why the batch is not to be trusted, or null when it is.</returns>
    private string? Unverified(byte[] body, string? signature, string? timestamp)
    {
        if (_key.Value is not { } key)
        {
            return "No webhook public key is configured (SendGrid:WebhookPublicKey).";
        }

        if (string.IsNullOrEmpty(signature) || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return "The signature or timestamp header is missing.";
        }

        if (Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - seconds) > ReplayWindow.TotalSeconds)
        {
            return "The timestamp is not within 10 minutes of now.";
        }

        try
        {
            return Validator.VerifySignature(key, Encoding.UTF8.GetString(body), signature, timestamp!) ? null : "The signature does not match.";
        }
        catch (Exception)
        {
            // The SDK's base64 and DER parsing throws whatever it meets on a malformed signature rather than answering false.
            return "The signature is malformed.";
        }
    }

    private static List<DeliveryEvent>? Parse(byte[] body, out string problem)
    {
        problem = "";
        if (!Utf8.IsValid(body))
        {
            problem = "The body is not valid UTF-8.";
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                problem = "The body must be a JSON array of events.";
                return null;
            }

            var events = new List<DeliveryEvent>(document.RootElement.GetArrayLength());
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object || StringOf(item, "sg_event_id") is not { Length: > 0 } id)
                {
                    problem = $"Event {events.Count} has no sg_event_id; no event was applied.";
                    return null;
                }

                events.Add(new DeliveryEvent(id, StringOf(item, "event"), StringOf(item, "email"), StringOf(item, "type"), StringOf(item, DeliveryTallies.CampaignArg)));
            }

            return events;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string escaping half a surrogate pair, valid JSON grammar but no text.
            problem = "The body is not valid JSON.";
            return null;
        }
    }

    private static string? StringOf(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Each address once, under the strongest scope its events ask for.</summary>
    private Task SuppressAsync(List<DeliveryEvent> events, CancellationToken cancellationToken)
    {
        var wanted = events
            .Select(SuppressionOf)
            .OfType<WantedSuppression>()
            .GroupBy(s => AddressKey.Normalise(s.Email), StringComparer.Ordinal)
            .Select(g => g.MaxBy(s => s.Scope)!);
        return Parallel.ForEachAsync(
            wanted,
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentWrites, CancellationToken = cancellationToken },
            async (s, token) => await suppressions.SuppressAsync(s.Email, s.Scope, s.Reason, token));
    }

    /// <summary>Campaigns in parallel; one campaign's batches in turn, as they share its tally row.</summary>
    private Task CountAsync(List<DeliveryEvent> events, CancellationToken cancellationToken)
    {
        var byCampaign = events
            .Where(e => !string.IsNullOrEmpty(e.CampaignId) && CountOf(e) is not null)
            .GroupBy(e => e.CampaignId!, StringComparer.Ordinal);
        return Parallel.ForEachAsync(
            byCampaign,
            new ParallelOptions { MaxDegreeOfParallelism = ConcurrentWrites, CancellationToken = cancellationToken },
            async (campaign, token) => await tallies.CountAsync(campaign.Key, [.. campaign.Select(e => new CountedEvent(e.Id, CountOf(e)!.Value))], token));
    }

    private static WantedSuppression? SuppressionOf(DeliveryEvent e) => string.IsNullOrWhiteSpace(e.Email) ? null : e.Name switch
    {
        SuppressionReasons.Bounce when e.IsHardBounce => new(e.Email, SuppressionScope.All, SuppressionReasons.Bounce),
        SuppressionReasons.SpamReport => new(e.Email, SuppressionScope.All, SuppressionReasons.SpamReport),
        SuppressionReasons.Dropped => new(e.Email, SuppressionScope.Newsletters, SuppressionReasons.Dropped),
        SuppressionReasons.Unsubscribe => new(e.Email, SuppressionScope.Newsletters, SuppressionReasons.Unsubscribe),
        SuppressionReasons.GroupUnsubscribe => new(e.Email, SuppressionScope.Newsletters, SuppressionReasons.GroupUnsubscribe),
        _ => null,
    };

    private static DeliveryCount? CountOf(DeliveryEvent e) => e.Name switch
    {
        "delivered" => DeliveryCount.Delivered,
        "open" => DeliveryCount.Opened,
        "click" => DeliveryCount.Clicked,
        SuppressionReasons.Bounce when e.IsHardBounce => DeliveryCount.Bounced,
        SuppressionReasons.Unsubscribe or SuppressionReasons.GroupUnsubscribe => DeliveryCount.Unsubscribed,
        _ => null,
    };

    private sealed record WantedSuppression(string Email, SuppressionScope Scope, string Reason);
}
