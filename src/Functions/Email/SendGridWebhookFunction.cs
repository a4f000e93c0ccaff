
namespace GoodThings.Email;

/// <summary>
/// SendGrid's Event Webhook. Anonymous, as SendGrid sends no function key: the ECDSA signature over the body is what
/// is checked. Bad input answers 4xx and applies nothing, so SendGrid does not retry it as it retries a 5xx.
/// </summary>
public sealed class SendGridWebhookFunction(DeliveryEvents deliveryEvents)
{
    [Function("SendGridWebhook")]
    public async Task<IActionResult> Receive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/webhooks/sendgrid")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await JsonRequests.ReadLimitedAsync(request, cancellationToken, DeliveryEvents.MaxBodyBytes) is not { } body)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, "Request body too large", "Event batches are limited to 5 MiB.");
        }

        var result = await deliveryEvents.ReceiveAsync(
            body, request.Headers[DeliveryEvents.SignatureHeader].ToString(), request.Headers[DeliveryEvents.TimestampHeader].ToString(), cancellationToken);
        return result.Status switch
        {
            DeliveryEventsStatus.Applied => new OkObjectResult(new { received = result.Events }),
            DeliveryEventsStatus.Unauthorized => Problems.Create(StatusCodes.Status401Unauthorized, "Unauthorized", result.Detail),
            _ => Problems.Create(StatusCodes.Status400BadRequest, "Invalid event batch", result.Detail),
        };
    }
}
