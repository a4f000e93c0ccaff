using System.Net;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace GoodThings.Email;

/// <summary>
/// Delivers through the official SendGrid SDK. Within one attempt it honours 429 <c>Retry-After</c> and backs off
/// on 5xx and timeouts, a few times; beyond that, and on any other 4xx, it throws so the outbox queue retries
/// and finally poisons the message with the reason logged.
/// </summary>
public sealed class SendGridEmailSender(
    ISendGridClient client,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<SendGridEmailSender> logger) : IEmailSender
{
    internal const int AttemptsPerInvocation = 3;

    /// <summary>A longer Retry-After is left to the queue's own retry.</summary>
    internal static readonly TimeSpan LongestRetryAfterToWait = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(500);

    public Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken) =>
        DeliverAsync(ToSendGrid(email, options.Value), email.Tracking.GetValueOrDefault(EmailDispatcher.IdempotencyKeyTracking), cancellationToken);

    public Task SendBulkAsync(BulkEmail email, CancellationToken cancellationToken) =>
        DeliverAsync(ToSendGrid(email, options.Value), $"{email.Recipients.Count} recipients of {string.Join(", ", email.Tracking.Values)}", cancellationToken);

    /// <param name="label">Names what is sent in the log, never with an address.</param>
    private async Task DeliverAsync(SendGridMessage message, string? label, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan wait;
            try
            {
                var response = await client.SendEmailAsync(message, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                var body = await response.Body.ReadAsStringAsync(cancellationToken);
                var failure = new EmailDeliveryException(response.StatusCode, body);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    wait = RetryAfter(response) ?? BackOff(attempt);
                    if (attempt == AttemptsPerInvocation || wait > LongestRetryAfterToWait)
                    {
                        throw failure;
                    }
                }
                else if ((int)response.StatusCode >= 500 && attempt < AttemptsPerInvocation)
                {
                    wait = BackOff(attempt);
                }
                else
                {
                    logger.LogError("SendGrid refused {Email}: {Status} {Body}", label, (int)response.StatusCode, body);
                    throw failure;
                }
            }
            catch (HttpRequestException) when (attempt < AttemptsPerInvocation)
            {
                wait = BackOff(attempt);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested && attempt < AttemptsPerInvocation)
            {
                wait = BackOff(attempt); // HttpClient timeout
            }

            logger.LogWarning("SendGrid attempt {Attempt} for {Email} failed; retrying in {Wait}", attempt, label, wait);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    internal static SendGridMessage ToSendGrid(OutgoingEmail email, EmailOptions sender)
    {
        var message = Message(email.Subject, email.Html, email.Text, sender);
        message.AddTo(new EmailAddress(email.To, email.ToName));
        foreach (var attachment in email.Attachments)
        {
            // An inline image with a content_id is "displayed within the body of your email" where the HTML says cid:{id}
            // (the SDK's Attachment.ContentId documentation); the rest are files to download.
            message.AddAttachment(
                attachment.FileName, Convert.ToBase64String(attachment.Content), attachment.ContentType,
                attachment.IsInline ? "inline" : "attachment", attachment.ContentId);
        }

        foreach (var (name, value) in email.Headers)
        {
            message.AddHeader(name, value);
        }

        foreach (var (name, value) in email.Tracking)
        {
            message.AddCustomArg(name, value);
        }

        return message;
    }

    /// <summary>One personalization per recipient: their address, their placeholders' values, their headers and key.</summary>
    internal static SendGridMessage ToSendGrid(BulkEmail email, EmailOptions sender)
    {
        var message = Message(email.Subject, email.Html, email.Text, sender);
        message.Personalizations = [.. email.Recipients.Select(recipient => new Personalization
        {
            Tos = [new EmailAddress(recipient.To, recipient.ToName)],
            Substitutions = new Dictionary<string, string>(recipient.Substitutions, StringComparer.Ordinal),
            Headers = new Dictionary<string, string>(recipient.Headers, StringComparer.Ordinal),
            CustomArgs = new Dictionary<string, string>(StringComparer.Ordinal) { [EmailDispatcher.IdempotencyKeyTracking] = recipient.IdempotencyKey },
        })];
        message.AddGlobalCustomArgs(new Dictionary<string, string>(email.Tracking, StringComparer.Ordinal));
        return message;
    }

    private static SendGridMessage Message(string subject, string html, string text, EmailOptions sender) => new()
    {
        From = new EmailAddress(sender.From, sender.FromName),
        Subject = subject,
        PlainTextContent = text,
        HtmlContent = html,
        ReplyTo = string.IsNullOrWhiteSpace(sender.ReplyTo) ? null : new EmailAddress(sender.ReplyTo),
    };

    private static TimeSpan BackOff(int attempt) => FirstBackOff * Math.Pow(2, attempt - 1);

    private TimeSpan? RetryAfter(Response response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var until && until > TimeSpan.Zero ? until : TimeSpan.Zero,
        _ => null,
    };
}

public sealed class EmailDeliveryException(HttpStatusCode status, string body)
    : Exception($"SendGrid answered {(int)status} {status}: {(body.Length > 500 ? body[..500] : body)}")
{
    public HttpStatusCode Status { get; } = status;
}
