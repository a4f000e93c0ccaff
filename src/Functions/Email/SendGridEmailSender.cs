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

    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        var message = ToSendGrid(email, options.Value);
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
                    logger.LogError("SendGrid refused {IdempotencyKey}: {Status} {Body}", email.Tracking.GetValueOrDefault("idempotency_key"), (int)response.StatusCode, body);
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

            logger.LogWarning("SendGrid attempt {Attempt} for {IdempotencyKey} failed; retrying in {Wait}", attempt, email.Tracking.GetValueOrDefault("idempotency_key"), wait);
            await Task.Delay(wait, time, cancellationToken);
        }
    }

    internal static SendGridMessage ToSendGrid(OutgoingEmail email, EmailOptions sender)
    {
        var message = new SendGridMessage
        {
            From = new EmailAddress(sender.From, sender.FromName),
            Subject = email.Subject,
            PlainTextContent = email.Text,
            HtmlContent = email.Html,
        };
        if (!string.IsNullOrWhiteSpace(sender.ReplyTo))
        {
            message.ReplyTo = new EmailAddress(sender.ReplyTo);
        }

        message.AddTo(new EmailAddress(email.To, email.ToName));
        foreach (var attachment in email.Attachments)
        {
            message.AddAttachment(attachment.FileName, Convert.ToBase64String(attachment.Content), attachment.ContentType, "attachment");
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
