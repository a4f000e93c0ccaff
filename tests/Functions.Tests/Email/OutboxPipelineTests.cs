using Azure.Storage.Queues;

namespace GoodThings.Email;

public class OutboxFixture : GoodThingsAppFixture
{
    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IEmailComposer, TestNoteComposer>();

    public Outbox Outbox => App.Services.GetRequiredService<Outbox>();

    public async Task<IReadOnlyList<string>> PoisonedAsync()
    {
        var queue = App.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(App.StoragePrefix + "-" + Outbox.QueueName + "-poison");
        if (!await queue.ExistsAsync())
        {
            return [];
        }

        return [.. (await queue.PeekMessagesAsync(32)).Value.Select(m => m.Body.ToString())];
    }

    public static int MaxDequeueCount => LocalRunner.Hosting.HostJson.Load(Path.Combine(AppContext.BaseDirectory, "host.json")).Queues.MaxDequeueCount;
}

public sealed class FlakySendGridFixture : OutboxFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var random = new Random(20261127);
        // 30 % of calls fail: half 429 with Retry-After, half 500.
        SendGrid.AnswerWith(_ =>
        {
            lock (random)
            {
                var roll = random.NextDouble();
                return roll < 0.15 ? new SendGridAnswer(429, RetryAfterSeconds: 1)
                    : roll < 0.30 ? new SendGridAnswer(500)
                    : SendGridAnswer.Accepted;
            }
        });
    }
}

public sealed class OutboxUnderFailuresTests(FlakySendGridFixture fixture) : IClassFixture<FlakySendGridFixture>
{
    [Fact]
    public async Task TwoHundredEmailsUnderThirtyPercentFailuresAreEachDeliveredExactlyOnce()
    {
        var messages = Enumerable.Range(1, 200).Select(i => TestNoteComposer.Message($"flaky-{i}")).ToList();

        await fixture.Outbox.EnqueueAsync(messages);

        await fixture.SendGrid.WaitForAcceptedAsync(200, TimeSpan.FromSeconds(90));
        await Settle.EmailsAsync(fixture.App);
        var delivered = fixture.SendGrid.Accepted.Select(c => c.CustomArg("idempotency_key")).ToList();
        Assert.Equal(messages.Select(m => m.IdempotencyKey).Order(), delivered.Order());
        Assert.True(fixture.SendGrid.Calls.Count > 200, "the fake did fail some calls");
        Assert.Empty(await fixture.PoisonedAsync());
    }
}

public sealed class OutboxTests(OutboxFixture fixture) : IClassFixture<OutboxFixture>
{
    [Fact]
    public async Task SameLogicalEmailEnqueuedTwiceIsDeliveredOnce()
    {
        var message = TestNoteComposer.Message($"twice-{Guid.NewGuid():N}");

        await Task.WhenAll(fixture.Outbox.EnqueueAsync(message), fixture.Outbox.EnqueueAsync(message));

        await fixture.SendGrid.WaitForAcceptedAsync(1, where: c => c.CustomArg("idempotency_key") == message.IdempotencyKey);
        await Settle.EmailsAsync(fixture.App);
        Assert.Single(fixture.SendGrid.Calls, c => c.CustomArg("idempotency_key") == message.IdempotencyKey);
    }

    [Fact]
    public async Task DeliveredEmailReplayedLaterIsNotSentAgain()
    {
        var message = TestNoteComposer.Message($"replay-{Guid.NewGuid():N}");
        await fixture.Outbox.EnqueueAsync(message);
        await fixture.SendGrid.WaitForAcceptedAsync(1, where: c => c.CustomArg("idempotency_key") == message.IdempotencyKey);

        await fixture.Outbox.EnqueueAsync(message);

        var deliveries = fixture.App.Services.GetRequiredService<EmailDeliveries>();
        // The runner deletes the replayed message only after handling it, so an empty queue means it came to nothing.
        await Eventually.GetAsync(() => QueueLengthAsync(), n => n == 0, because: "replayed message consumed");
        Assert.Single(fixture.SendGrid.Calls, c => c.CustomArg("idempotency_key") == message.IdempotencyKey);
        Assert.Equal(DeliveryStatus.Sent, await deliveries.StatusAsync(message.IdempotencyKey));
    }

    [Fact]
    public async Task PermanentRejectionLandsInThePoisonQueueAfterTheConfiguredDequeueCount()
    {
        var note = $"rejected-{Guid.NewGuid():N}";
        fixture.SendGrid.AnswerWith(body => body.ToJsonString().Contains(note, StringComparison.Ordinal) ? new SendGridAnswer(400) : SendGridAnswer.Accepted);

        await fixture.Outbox.EnqueueAsync(TestNoteComposer.Message(note));

        var poisoned = await Eventually.GetAsync(fixture.PoisonedAsync, p => p.Any(m => m.Contains(note, StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "rejected message poisoned");
        Assert.Equal(OutboxFixture.MaxDequeueCount, fixture.SendGrid.Calls.Count(c => c.Body.ToJsonString().Contains(note, StringComparison.Ordinal)));
        Assert.Contains(poisoned, m => m.Contains(note, StringComparison.Ordinal));
    }

    [Fact]
    public async Task MessageOfUnknownKindIsPoisonedNotLost()
    {
        var message = TestNoteComposer.Message($"unknown-{Guid.NewGuid():N}") with { Kind = "no-such-kind" };

        await fixture.Outbox.EnqueueAsync(message);

        await Eventually.GetAsync(fixture.PoisonedAsync, p => p.Any(m => m.Contains(message.IdempotencyKey, StringComparison.Ordinal)), TimeSpan.FromSeconds(60), "unknown kind poisoned");
    }

    private async Task<int> QueueLengthAsync()
    {
        var queues = fixture.App.Services.GetRequiredService<Queues>();
        var queue = await queues.GetAsync(Outbox.QueueName);
        return (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
    }
}
