using Azure.Data.Tables;
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
    public async Task AMessageAnotherAttemptIsSendingIsRetriedLaterNotSent()
    {
        var (dispatcher, deliveries) = await DispatcherAsync();
        await deliveries.ClaimAsync(_message.IdempotencyKey, CancellationToken.None);

        await Assert.ThrowsAsync<EmailDeliveryInProgressException>(() => dispatcher.DeliverAsync(_message, CancellationToken.None));

        await _composer.DidNotReceiveWithAnyArgs().ComposeAsync(default!, default);
        await _sender.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
        Assert.Equal(DeliveryStatus.Sending, await deliveries.StatusAsync(_message.IdempotencyKey));
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

    private async Task<(EmailDispatcher Dispatcher, EmailDeliveries Deliveries)> DispatcherAsync()
    {
        var tables = new Tables(new TableServiceClient(await SharedAzurite.ConnectionStringAsync()), Options.Create(new StorageOptions { Prefix = StoragePrefix.New() }));
        var deliveries = new EmailDeliveries(tables, new FakeTimeProvider(DateTimeOffset.UtcNow));
        return (new EmailDispatcher([_composer], deliveries, _sender, NullLogger<EmailDispatcher>.Instance), deliveries);
    }
}
