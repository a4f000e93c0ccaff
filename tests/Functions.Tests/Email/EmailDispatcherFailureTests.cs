using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using NSubstitute.ExceptionExtensions;

namespace GoodThings.Email;

/// <summary>
/// What the dispatcher does when composing or sending goes wrong, or the message was seen before: the failure
/// reaches the queue (which retries it), and the delivery record says whether a retry may send. Delivery records
/// are real, in Azurite; the composer and the sender are stand-ins told to fail.
/// </summary>
public sealed class EmailDispatcherFailureTests
{
    private const string Kind = "note";

    private static readonly OutgoingEmail Email = new("ada@example.test", "Ada", "Hello", "<p>Hello</p>", "Hello");

    private readonly IEmailComposer _composer = Substitute.For<IEmailComposer>();
    private readonly IEmailSender _sender = Substitute.For<IEmailSender>();
    private readonly OutboxMessage _message = new(Kind, $"note:{Guid.NewGuid():N}", "ada@example.test", "Ada", new Dictionary<string, string>());

    public EmailDispatcherFailureTests()
    {
        _composer.Kinds.Returns([Kind]);
        _composer.ComposeAsync(Arg.Any<OutboxMessage>(), Arg.Any<CancellationToken>()).Returns(Task.FromResult<OutgoingEmail?>(Email));
    }

    [Fact]
    public async Task WhenSendingFailsTheErrorReachesTheQueueAndARetrySends()
    {
        var (dispatcher, deliveries) = await DispatcherAsync();
        var failure = new HttpRequestException("SendGrid is down");
        _sender.SendAsync(Arg.Any<OutgoingEmail>(), Arg.Any<CancellationToken>()).Returns(Task.FromException(failure), Task.CompletedTask);

        var thrown = await Assert.ThrowsAsync<HttpRequestException>(() => dispatcher.DeliverAsync(_message, CancellationToken.None));

        Assert.Same(failure, thrown);
        Assert.Equal(DeliveryStatus.Failed, await deliveries.StatusAsync(_message.IdempotencyKey));
        await dispatcher.DeliverAsync(_message, CancellationToken.None);
        await _sender.Received(2).SendAsync(Arg.Any<OutgoingEmail>(), Arg.Any<CancellationToken>());
        Assert.Equal(DeliveryStatus.Sent, await deliveries.StatusAsync(_message.IdempotencyKey));
    }

    [Fact]
    public async Task WhenSendingIsCancelledTheCancellationReachesTheQueueAndTheClaimIsReleased()
    {
        var (dispatcher, deliveries) = await DispatcherAsync();
        _sender.SendAsync(Arg.Any<OutgoingEmail>(), Arg.Any<CancellationToken>()).ThrowsAsync(new OperationCanceledException());

        await Assert.ThrowsAsync<OperationCanceledException>(() => dispatcher.DeliverAsync(_message, CancellationToken.None));

        Assert.Equal(DeliveryStatus.Failed, await deliveries.StatusAsync(_message.IdempotencyKey));
    }

    [Fact]
    public async Task AShutdownDoesNotCutASendShortTheSenderGetsATokenThatCannotBeCancelled()
    {
        var (dispatcher, deliveries) = await DispatcherAsync();
        using var shutdown = new CancellationTokenSource();
        CancellationToken given = default;
        _sender.SendAsync(Arg.Any<OutgoingEmail>(), Arg.Do<CancellationToken>(token => given = token)).Returns(_ =>
        {
            shutdown.Cancel(); // the host starts shutting down while SendGrid is being called
            return Task.CompletedTask;
        });

        await dispatcher.DeliverAsync(_message, shutdown.Token);

        Assert.False(given.CanBeCanceled);
        Assert.Equal(DeliveryStatus.Sent, await deliveries.StatusAsync(_message.IdempotencyKey));
    }

    [Fact]
    public async Task WhenComposingFailsNothingIsSentAndARetryMayTryAgain()
    {
        var (dispatcher, deliveries) = await DispatcherAsync();
        _composer.ComposeAsync(Arg.Any<OutboxMessage>(), Arg.Any<CancellationToken>()).ThrowsAsync(new InvalidOperationException("template broke"));

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => dispatcher.DeliverAsync(_message, CancellationToken.None));

        Assert.Equal("template broke", thrown.Message);
        await _sender.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
        Assert.Equal(DeliveryStatus.Failed, await deliveries.StatusAsync(_message.IdempotencyKey));
    }

    [Fact]
    public async Task WhenThereIsNothingLeftToSendTheDeliveryIsSkippedForGood()
    {
        var (dispatcher, deliveries) = await DispatcherAsync();
        _composer.ComposeAsync(Arg.Any<OutboxMessage>(), Arg.Any<CancellationToken>()).Returns(Task.FromResult<OutgoingEmail?>(null));

        await dispatcher.DeliverAsync(_message, CancellationToken.None);
        await dispatcher.DeliverAsync(_message, CancellationToken.None);

        await _sender.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
        await _composer.Received(1).ComposeAsync(Arg.Any<OutboxMessage>(), Arg.Any<CancellationToken>());
        Assert.Equal(DeliveryStatus.Skipped, await deliveries.StatusAsync(_message.IdempotencyKey));
    }

    [Fact]
    public async Task AKindNoComposerRendersFailsBeforeAnythingIsClaimedOrSent()
    {
        var (dispatcher, deliveries) = await DispatcherAsync();
        var unknown = _message with { Kind = "no-such-kind" };

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => dispatcher.DeliverAsync(unknown, CancellationToken.None));

        Assert.Contains("'no-such-kind'", thrown.Message, StringComparison.Ordinal);
        await _composer.DidNotReceiveWithAnyArgs().ComposeAsync(default!, default);
        await _sender.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
        Assert.Null(await deliveries.StatusAsync(unknown.IdempotencyKey));
    }

    [Fact]
    public async Task AMessageAlreadySentIsNeitherComposedNorSentAgain()
    {
        var (dispatcher, deliveries) = await DispatcherAsync();
        await dispatcher.DeliverAsync(_message, CancellationToken.None);

        await dispatcher.DeliverAsync(_message, CancellationToken.None);

        await _composer.Received(1).ComposeAsync(Arg.Any<OutboxMessage>(), Arg.Any<CancellationToken>());
        await _sender.Received(1).SendAsync(Arg.Any<OutgoingEmail>(), Arg.Any<CancellationToken>());
        Assert.Equal(DeliveryStatus.Sent, await deliveries.StatusAsync(_message.IdempotencyKey));
    }

    [Fact]
    public async Task AMessageAnotherAttemptIsSendingIsPutBackHiddenNotSentNorFailed()
    {
        var (dispatcher, deliveries) = await DispatcherAsync(TimeSpan.FromMinutes(1));
        await deliveries.ClaimAsync(_message.IdempotencyKey, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(30));

        // Completes rather than throws: a throw would count towards the poison queue while the holder still works.
        await dispatcher.DeliverAsync(_message, CancellationToken.None);

        await _composer.DidNotReceiveWithAnyArgs().ComposeAsync(default!, default);
        await _sender.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
        Assert.Equal(DeliveryStatus.Sending, await deliveries.StatusAsync(_message.IdempotencyKey));
        Assert.Equal(1, (await _outboxQueue!.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Empty((await _outboxQueue.PeekMessagesAsync()).Value); // held back 30 s, as long as the claim was held
    }

    [Fact]
    public async Task AMessagePutBackComesBackAsTheSameMessage()
    {
        var (dispatcher, deliveries) = await DispatcherAsync(TimeSpan.FromSeconds(2));
        await deliveries.ClaimAsync(_message.IdempotencyKey, CancellationToken.None);

        await dispatcher.DeliverAsync(_message, CancellationToken.None);

        var copy = await Eventually.GetAsync(
            async () => (await _outboxQueue!.ReceiveMessagesAsync(1)).Value.SingleOrDefault(),
            m => m is not null, TimeSpan.FromSeconds(15), "the copy visible again");
        var returned = JsonSerializer.Deserialize<OutboxMessage>(copy!.Body.ToString(), Queues.Json)!;
        Assert.Equal(_message.IdempotencyKey, returned.IdempotencyKey);
        Assert.Equal(_message.Kind, returned.Kind);
        Assert.Equal(_message.To, returned.To);
        Assert.Equal(_message.References, returned.References);
    }

    [Theory]
    [InlineData(0, 300, 1)] // just claimed: most likely a live attempt about to finish, so look again soon
    [InlineData(30, 270, 30)] // held a while: wait as long again, so the waits double
    [InlineData(290, 10, 11)] // never past the lease's end (plus a second's margin)
    [InlineData(5, 0.5, 1.5)]
    [InlineData(864000, 864000, 604800)] // a queue holds a message back at most 7 days
    public void APutBackMessageIsHiddenAsLongAsTheClaimWasHeldButNotPastItsLease(double heldFor, double leaseLeft, double expected)
    {
        var claim = new DeliveryClaim(DeliveryOutcome.InProgress, "pk", default, TimeSpan.FromSeconds(heldFor), TimeSpan.FromSeconds(leaseLeft));

        Assert.Equal(TimeSpan.FromSeconds(expected), EmailDispatcher.HoldBack(claim));
    }

    [Fact]
    public async Task AFailureTextQuotingAnAddressIsRecordedWithoutIt()
    {
        var (dispatcher, deliveries) = await DispatcherAsync();
        _sender.SendAsync(Arg.Any<OutgoingEmail>(), Arg.Any<CancellationToken>())
            .ThrowsAsync(new InvalidOperationException("SendGrid answered 400: {\"errors\":[{\"message\":\"Does not contain a valid address.\",\"field\":\"personalizations.0.to.0.email\",\"value\":\"ada@example.test\"}]}"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => dispatcher.DeliverAsync(_message, CancellationToken.None));

        var lastError = await deliveries.LastErrorAsync(_message.IdempotencyKey);
        Assert.NotNull(lastError);
        Assert.StartsWith("InvalidOperationException: SendGrid answered 400", lastError, StringComparison.Ordinal);
        Assert.Contains("\"value\":\"[address]\"", lastError, StringComparison.Ordinal);
        Assert.DoesNotContain("example.test", lastError, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task TheSentEmailCarriesItsKeyAndKindForTheDeliveryEvents()
    {
        var (dispatcher, _) = await DispatcherAsync();

        await dispatcher.DeliverAsync(_message, CancellationToken.None);

        await _sender.Received(1).SendAsync(
            Arg.Is<OutgoingEmail>(e => e.Tracking["idempotency_key"] == _message.IdempotencyKey && e.Tracking["kind"] == Kind && e.Subject == Email.Subject),
            Arg.Any<CancellationToken>());
    }

    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private QueueClient? _outboxQueue;

    private async Task<(EmailDispatcher Dispatcher, EmailDeliveries Deliveries)> DispatcherAsync(TimeSpan? claimLease = null)
    {
        var connection = await SharedAzurite.ConnectionStringAsync();
        var storage = Options.Create(new StorageOptions { Prefix = StoragePrefix.New() });
        var tables = new Tables(new TableServiceClient(connection), storage);
        var queues = new Queues(new QueueServiceClient(connection, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }), storage);
        _outboxQueue = await queues.GetAsync(Outbox.QueueName);
        var email = Options.Create(new EmailOptions { ClaimLease = claimLease ?? EmailOptions.DefaultClaimLease });
        var deliveries = new EmailDeliveries(tables, _time, email);
        var suppressions = new Suppressions(tables, Options.Create(new Tokens.TokenOptions { SigningKey = "test-signing-key-that-is-long-enough-0123456789" }), _time);
        return (new EmailDispatcher([_composer], deliveries, suppressions, _sender, new Outbox(queues), NullLogger<EmailDispatcher>.Instance), deliveries);
    }
}
