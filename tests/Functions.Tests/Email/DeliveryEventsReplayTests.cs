using System.Globalization;
using System.Security.Cryptography;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;

namespace GoodThings.Email;

/// <summary>A signed batch is good for ten minutes either side of its timestamp, by the app's clock.</summary>
public sealed class DeliveryEventsReplayTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-28T12:00:00Z", CultureInfo.InvariantCulture));
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    [Theory]
    [InlineData(-600, DeliveryEventsStatus.Applied)]
    [InlineData(-601, DeliveryEventsStatus.Unauthorized)]
    [InlineData(600, DeliveryEventsStatus.Applied)]
    [InlineData(601, DeliveryEventsStatus.Unauthorized)]
    public async Task ABatchSignedMoreThanTenMinutesFromNowIsRefused(int signedSecondsFromNow, DeliveryEventsStatus expected)
    {
        var tables = new Tables(new TableServiceClient(await SharedAzurite.ConnectionStringAsync()), Options.Create(new StorageOptions { Prefix = StoragePrefix.New() }));
        var suppressions = new Suppressions(tables, Options.Create(new Tokens.TokenOptions { SigningKey = "test-signing-key-that-is-long-enough-0123456789" }), _time);
        var events = new DeliveryEvents(
            suppressions, new DeliveryTallies(tables), Options.Create(new SendGridOptions { WebhookPublicKey = SendGridWebhook.PublicKeyOf(_key) }), _time, NullLogger<DeliveryEvents>.Instance);
        var payload = SendGridWebhook.Batch(SendGridWebhook.Event("spamreport", "reader@example.test"));
        var timestamp = (_time.GetUtcNow().ToUnixTimeSeconds() + signedSecondsFromNow).ToString(CultureInfo.InvariantCulture);

        var result = await events.ReceiveAsync(Encoding.UTF8.GetBytes(payload), SendGridWebhook.Sign(_key, timestamp, payload), timestamp, CancellationToken.None);

        Assert.Equal(expected, result.Status);
        Assert.Equal(expected == DeliveryEventsStatus.Applied, await suppressions.GetAsync("reader@example.test", CancellationToken.None) is not null);
    }

    public void Dispose() => _key.Dispose();
}
