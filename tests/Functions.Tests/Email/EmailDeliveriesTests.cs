using Azure.Data.Tables;

namespace GoodThings.Email;

public sealed class EmailDeliveriesTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    private async Task<EmailDeliveries> DeliveriesAsync(TimeSpan? claimLease = null) => new(
        new Tables(new TableServiceClient(await SharedAzurite.ConnectionStringAsync()), Options.Create(new StorageOptions { Prefix = StoragePrefix.New() })),
        _time,
        Options.Create(new EmailOptions { ClaimLease = claimLease ?? EmailOptions.DefaultClaimLease }));

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

        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var early = await deliveries.ClaimAsync("k", CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        var late = await deliveries.ClaimAsync("k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.InProgress, early.Outcome);
        Assert.Equal(DeliveryOutcome.Claimed, late.Outcome);
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => deliveries.MarkSentAsync(dead, CancellationToken.None));
    }

    [Fact]
    public async Task TheClaimLeaseIsTheConfiguredOne()
    {
        var deliveries = await DeliveriesAsync(TimeSpan.FromSeconds(10));
        await deliveries.ClaimAsync("k", CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(9));
        var early = await deliveries.ClaimAsync("k", CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        var late = await deliveries.ClaimAsync("k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.InProgress, early.Outcome);
        Assert.Equal(DeliveryOutcome.Claimed, late.Outcome);
    }

    [Fact]
    public async Task AClaimInProgressSaysHowLongItWasHeldAndWhenItsLeaseEnds()
    {
        var deliveries = await DeliveriesAsync(TimeSpan.FromSeconds(10));
        await deliveries.ClaimAsync("k", CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(3));
        var busy = await deliveries.ClaimAsync("k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.InProgress, busy.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(3), busy.HeldFor);
        Assert.Equal(TimeSpan.FromSeconds(7), busy.LeaseLeft);
    }

    [Theory]
    [InlineData("Invalid to: ada@example.test", "Invalid to: [address]")]
    [InlineData("{\"email\":\"Ada.Lovelace+events@Mail.Example.TEST\"}", "{\"email\":\"[address]\"}")]
    [InlineData("recipient ada%40example.test rejected", "recipient [address] rejected")]
    [InlineData("\"to\":\"ada\\u0040example.test\"", "\"to\":\"[address]\"")]
    [InlineData("<mailto:o'brien@example.test>, jürgen@müller.example", "<mailto:[address]>, [address]")]
    [InlineData("\"ada lovelace\"@example.test bounced", "[address] bounced")]
    [InlineData("SendGrid answered 503 after 3 attempts", "SendGrid answered 503 after 3 attempts")]
    public void AddressesInAFailureTextAreReplaced(string text, string expected)
    {
        Assert.Equal(expected, EmailDeliveries.WithoutAddresses(text));
    }

    [Fact]
    public async Task AFailureIsRecordedWithoutTheAddressesItQuotes()
    {
        var deliveries = await DeliveriesAsync();
        var claim = await deliveries.ClaimAsync("k", CancellationToken.None);
        // Long enough to be cut: addresses go first, so a cut cannot leave part of one behind.
        var reason = "SendGrid 400: " + string.Join(", ", Enumerable.Range(0, 60).Select(i => $"person{i}@example.test"));

        await deliveries.MarkFailedAsync(claim, reason, CancellationToken.None);

        var recorded = await deliveries.LastErrorAsync("k");
        Assert.NotNull(recorded);
        Assert.StartsWith("SendGrid 400: [address], [address]", recorded, StringComparison.Ordinal);
        Assert.DoesNotContain("@", recorded, StringComparison.Ordinal);
        Assert.DoesNotContain("example.test", recorded, StringComparison.Ordinal);
    }
}
