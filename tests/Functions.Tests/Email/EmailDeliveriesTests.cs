using Azure.Data.Tables;

namespace GoodThings.Email;

public sealed class EmailDeliveriesTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private async Task<EmailDeliveries> DeliveriesAsync() => new(
        new Tables(new TableServiceClient(await SharedAzurite.ConnectionStringAsync()), Options.Create(new StorageOptions { Prefix = StoragePrefix.New() })),
        _time);

    [Fact]
    public async Task FirstClaimWinsAndASecondFindsItInProgress()
    {
        var deliveries = await DeliveriesAsync();

        var first = await deliveries.ClaimAsync("k/1#?", CancellationToken.None);
        var second = await deliveries.ClaimAsync("k/1#?", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Claimed, first.Outcome);
        Assert.Equal(DeliveryOutcome.InProgress, second.Outcome);
    }

    [Fact]
    public async Task SentDeliveryIsAlreadyDone()
    {
        var deliveries = await DeliveriesAsync();
        await deliveries.MarkSentAsync(await deliveries.ClaimAsync("k", CancellationToken.None), CancellationToken.None);

        var again = await deliveries.ClaimAsync("k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.AlreadyDone, again.Outcome);
    }

    [Fact]
    public async Task FailedDeliveryCanBeClaimedAgainAtOnce()
    {
        var deliveries = await DeliveriesAsync();
        await deliveries.MarkFailedAsync(await deliveries.ClaimAsync("k", CancellationToken.None), "SendGrid 500", CancellationToken.None);

        var retry = await deliveries.ClaimAsync("k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.Claimed, retry.Outcome);
    }

    [Fact]
    public async Task ClaimOfAnAttemptThatDiedIsTakenOverOnlyAfterItsLease()
    {
        var deliveries = await DeliveriesAsync();
        var dead = await deliveries.ClaimAsync("k", CancellationToken.None);

        _time.Advance(EmailDeliveries.ClaimLease - TimeSpan.FromSeconds(1));
        var early = await deliveries.ClaimAsync("k", CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        var late = await deliveries.ClaimAsync("k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.InProgress, early.Outcome);
        Assert.Equal(DeliveryOutcome.Claimed, late.Outcome);
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => deliveries.MarkSentAsync(dead, CancellationToken.None));
    }
}
