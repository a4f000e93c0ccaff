using System.Globalization;
using System.Security.Cryptography;

namespace GoodThings.Email;

/// <summary>The app with a webhook key whose private half the tests hold, so they can sign batches as SendGrid does.</summary>
public sealed class WebhookAppFixture : GoodThingsAppFixture
{
    public ECDsa Key { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    protected override IReadOnlyDictionary<string, string?> Settings =>
        new Dictionary<string, string?> { ["SendGrid:WebhookPublicKey"] = SendGridWebhook.PublicKeyOf(Key) };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Key.Dispose();
    }
}

/// <summary>Test-side helpers that sign and post event batches the way SendGrid's Event Webhook does.</summary>
public static class SendGridWebhook
{
    /// <summary>The form SendGrid shows its verification key in: base64 DER SubjectPublicKeyInfo.</summary>
    public static string PublicKeyOf(ECDsa key) => Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());

    /// <summary>SendGrid signs the timestamp header followed by the raw body, ECDSA P-256 with SHA-256, DER-encoded.</summary>
    public static string Sign(ECDsa key, string timestamp, string payload) =>
        Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(timestamp + payload), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    /// <summary>Posts a batch signed with <paramref name="key"/> at <paramref name="signedAt"/> (now by default), unless another signature is given.</summary>
    public static Task<HttpResponseMessage> PostAsync(FunctionsApp app, ECDsa key, string payload, DateTimeOffset? signedAt = null, string? signature = null)
    {
        var timestamp = (signedAt ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "api/webhooks/sendgrid") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.Add(DeliveryEvents.SignatureHeader, signature ?? Sign(key, timestamp, payload));
        request.Headers.Add(DeliveryEvents.TimestampHeader, timestamp);
        return app.Client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostAsync(WebhookAppFixture fixture, params Dictionary<string, object?>[] events) =>
        PostAsync(fixture.App, fixture.Key, Batch(events));

    public static string Batch(params IEnumerable<Dictionary<string, object?>> events) => JsonSerializer.Serialize(events);

    /// <summary>One event as SendGrid sends it, custom args (the campaign) at the top level.</summary>
    public static Dictionary<string, object?> Event(string name, string email, string? campaignId = null, string? type = null, string? id = null)
    {
        var e = new Dictionary<string, object?>
        {
            ["email"] = email,
            ["event"] = name,
            ["sg_event_id"] = id ?? Guid.NewGuid().ToString("N"),
            ["sg_message_id"] = $"{Guid.NewGuid():N}.filter0001",
            ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["idempotency_key"] = $"test:{Guid.NewGuid():N}",
        };
        if (campaignId is not null)
        {
            e[DeliveryTallies.CampaignArg] = campaignId;
        }

        if (type is not null)
        {
            e["type"] = type;
        }

        return e;
    }

    public static Task<Suppression?> SuppressionOfAsync(FunctionsApp app, string email) =>
        app.Services.GetRequiredService<Suppressions>().GetAsync(email, CancellationToken.None);

    public static Task<DeliveryTally> TallyAsync(FunctionsApp app, string campaignId) =>
        app.Services.GetRequiredService<DeliveryTallies>().GetAsync(campaignId, CancellationToken.None);
}
