namespace GoodThings.Email;

/// <summary>The app with a 3 s claim lease, and host.json retries (5 × 0.2 s) that end well inside it.</summary>
public sealed class ShortClaimLeaseFixture : OutboxFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Email:ClaimLease"] = "00:00:03",
    };
}

public sealed class ClaimLeaseTests(ShortClaimLeaseFixture fixture) : IClassFixture<ShortClaimLeaseFixture>
{
    [Fact]
    public async Task AnEmailWhoseHolderDiedIsSentOnceWhenTheLeaseEndsNotPoisonedByRetriesBefore()
    {
        var message = TestNoteComposer.Message($"dead-holder-{Guid.NewGuid():N}");
        // An attempt that claimed the email and died before sending it.
        await fixture.App.Services.GetRequiredService<EmailDeliveries>().ClaimAsync(message.IdempotencyKey, CancellationToken.None);

        await fixture.Outbox.EnqueueAsync(message);

        await fixture.SendGrid.WaitForAcceptedAsync(1, TimeSpan.FromSeconds(30), c => c.CustomArg("idempotency_key") == message.IdempotencyKey);
        await Settle.EmailsAsync(fixture.App);
        Assert.Single(fixture.SendGrid.Accepted, c => c.CustomArg("idempotency_key") == message.IdempotencyKey);
        Assert.DoesNotContain(await fixture.PoisonedAsync(), m => m.Contains(message.IdempotencyKey, StringComparison.Ordinal));
        Assert.Equal(DeliveryStatus.Sent, await fixture.App.Services.GetRequiredService<EmailDeliveries>().StatusAsync(message.IdempotencyKey));
    }
}
