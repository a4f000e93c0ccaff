using Microsoft.Extensions.Logging.Abstractions;
using SendGrid;

namespace GoodThings.Email;

/// <summary>The real SendGrid SDK against the fake SendGrid API on loopback.</summary>
public sealed class SendGridEmailSenderTests : IAsyncLifetime
{
    private static readonly EmailOptions Sender = new() { From = "events@goodthings.test", FromName = "Good Things", ReplyTo = "team@goodthings.test" };

    private FakeSendGrid _sendGrid = null!;
    private readonly NoWaitTimeProvider _time = new();

    public async Task InitializeAsync() => _sendGrid = await FakeSendGrid.StartAsync();

    public async Task DisposeAsync() => await _sendGrid.DisposeAsync();

    private SendGridEmailSender CreateSender() => new(
        new SendGridClient(new SendGridClientOptions { ApiKey = "SG.test-key", Host = _sendGrid.Host }),
        Options.Create(Sender),
        _time,
        NullLogger<SendGridEmailSender>.Instance);

    private static OutgoingEmail Email() => new("ada@example.test", "Ada Lovelace", "You're in", "<p>Hello</p>", "Hello")
    {
        Attachments = [new EmailAttachment("invite.ics", "text/calendar; method=REQUEST; charset=utf-8", Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"))],
        Headers = new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://example.test/u>", ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click" },
        Tracking = new Dictionary<string, string> { ["idempotency_key"] = "registration:1:confirmation:1", ["campaign_id"] = "c-1" },
    };

    [Fact]
    public async Task RequestCarriesSenderRecipientSubjectTextBeforeHtmlAttachmentHeadersAndCustomArgs()
    {
        await CreateSender().SendAsync(Email(), CancellationToken.None);

        var call = Assert.Single(_sendGrid.Calls);
        var body = call.Body;
        Assert.Equal("Bearer SG.test-key", call.Headers["Authorization"]);
        Assert.Equal("events@goodthings.test", (string?)body["from"]!["email"]);
        Assert.Equal("Good Things", (string?)body["from"]!["name"]);
        Assert.Equal("team@goodthings.test", (string?)body["reply_to"]!["email"]);
        var to = Assert.Single(body["personalizations"]!.AsArray().SelectMany(p => p!["to"]!.AsArray()));
        Assert.Equal("ada@example.test", (string?)to!["email"]);
        Assert.Equal("Ada Lovelace", (string?)to["name"]);
        Assert.Equal("You're in", (string?)body["subject"]);
        Assert.Equal(["text/plain", "text/html"], body["content"]!.AsArray().Select(c => (string?)c!["type"]));
        var attachment = Assert.Single(body["attachments"]!.AsArray())!;
        Assert.Equal("invite.ics", (string?)attachment["filename"]);
        Assert.Equal("text/calendar; method=REQUEST; charset=utf-8", (string?)attachment["type"]);
        Assert.Equal("attachment", (string?)attachment["disposition"]);
        Assert.Equal("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", Encoding.UTF8.GetString(Convert.FromBase64String((string)attachment["content"]!)));
        Assert.Equal("<https://example.test/u>", call.Header("List-Unsubscribe"));
        Assert.Equal("List-Unsubscribe=One-Click", call.Header("List-Unsubscribe-Post"));
        Assert.Equal("registration:1:confirmation:1", call.CustomArg("idempotency_key"));
        Assert.Equal("c-1", call.CustomArg("campaign_id"));
    }

    [Fact]
    public async Task TooManyRequestsWaitsExactlyTheRetryAfterThenSends()
    {
        _sendGrid.Plan(new SendGridAnswer(429, RetryAfterSeconds: 7));

        await CreateSender().SendAsync(Email(), CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(7)], _time.Waits);
        Assert.Equal([429, 202], _sendGrid.Calls.Select(c => c.Status));
    }

    [Fact]
    public async Task ServerErrorIsRetriedWithBackOff()
    {
        _sendGrid.Plan(new SendGridAnswer(500), new SendGridAnswer(503));

        await CreateSender().SendAsync(Email(), CancellationToken.None);

        Assert.Equal([TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1)], _time.Waits);
        Assert.Equal([500, 503, 202], _sendGrid.Calls.Select(c => c.Status));
    }

    [Fact]
    public async Task PersistentServerErrorGivesUpAfterThreeAttemptsForTheQueueToRetry()
    {
        _sendGrid.AnswerWith(_ => new SendGridAnswer(500));

        var failure = await Assert.ThrowsAsync<EmailDeliveryException>(() => CreateSender().SendAsync(Email(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.InternalServerError, failure.Status);
        Assert.Equal(3, _sendGrid.Calls.Count);
    }

    [Fact]
    public async Task BadRequestFailsAtOnceWithSendGridsReason()
    {
        _sendGrid.Plan(new SendGridAnswer(400));

        var failure = await Assert.ThrowsAsync<EmailDeliveryException>(() => CreateSender().SendAsync(Email(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.BadRequest, failure.Status);
        Assert.Contains("fake SendGrid answered BadRequest", failure.Message, StringComparison.Ordinal);
        Assert.Single(_sendGrid.Calls);
    }

    [Fact]
    public async Task LongRetryAfterIsLeftToTheQueue()
    {
        _sendGrid.Plan(new SendGridAnswer(429, RetryAfterSeconds: 120));

        var failure = await Assert.ThrowsAsync<EmailDeliveryException>(() => CreateSender().SendAsync(Email(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.TooManyRequests, failure.Status);
        Assert.Single(_sendGrid.Calls);
    }
}
