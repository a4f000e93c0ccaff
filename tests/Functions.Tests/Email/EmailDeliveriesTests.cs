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

    [Theory]
    [InlineData(null, 5 * 60)]
    [InlineData(10, 10)]
    public async Task ClaimOfAnAttemptThatDiedIsTakenOverOnlyAfterItsLease(int? configuredSeconds, int leaseSeconds)
    {
        var deliveries = await DeliveriesAsync(configuredSeconds is { } configured ? TimeSpan.FromSeconds(configured) : null);
        var dead = await deliveries.ClaimAsync("k", CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(leaseSeconds - 1));
        var early = await deliveries.ClaimAsync("k", CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2));
        var late = await deliveries.ClaimAsync("k", CancellationToken.None);

        Assert.Equal(DeliveryOutcome.InProgress, early.Outcome);
        Assert.Equal(DeliveryOutcome.Claimed, late.Outcome);
        await Assert.ThrowsAsync<Azure.RequestFailedException>(() => deliveries.MarkSentAsync(dead, CancellationToken.None));
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

    /// <summary>Failure texts as SendGrid or a transport might word them, and what the delivery record keeps of each.</summary>
    public static TheoryData<string, string> FailureTexts => new()
    {
        { "Invalid to: ada@example.test", "Invalid to: [address]" },
        { "{\"email\":\"Ada.Lovelace+events@Mail.Example.TEST\"}", "{\"email\":\"[address]\"}" },
        { "recipient ada%40example.test rejected", "recipient [address] rejected" },
        { "\"to\":\"ada\\u0040example.test\"", "\"to\":\"[address]\"" },
        { "<mailto:o'brien@example.test>, jürgen@müller.example", "<mailto:[address]>, [address]" },
        { "\"ada lovelace\"@example.test bounced", "[address] bounced" },
        { "SendGrid answered 503 after 3 attempts", "SendGrid answered 503 after 3 attempts" },
    };

    [Theory]
    [MemberData(nameof(FailureTexts))]
    public void AddressesInAFailureTextAreReplaced(string text, string kept) => Assert.Equal(kept, EmailDeliveries.WithoutAddresses(text));

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
