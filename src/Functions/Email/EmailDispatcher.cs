
namespace GoodThings.Email;

/// <summary>Delivers an outbox message at most once per idempotency key: claim, compose, send, record.</summary>
public sealed class EmailDispatcher
{
    private readonly Dictionary<string, IEmailComposer> _composers;
    private readonly EmailDeliveries _deliveries;
    private readonly IEmailSender _sender;
    private readonly ILogger<EmailDispatcher> _logger;

    public EmailDispatcher(IEnumerable<IEmailComposer> composers, EmailDeliveries deliveries, IEmailSender sender, ILogger<EmailDispatcher> logger)
    {
        _composers = composers.SelectMany(c => c.Kinds.Select(kind => (kind, c))).ToDictionary(p => p.kind, p => p.c, StringComparer.Ordinal);
        _deliveries = deliveries;
        _sender = sender;
        _logger = logger;
    }

    public async Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (!_composers.TryGetValue(message.Kind, out var composer))
        {
            throw new InvalidOperationException($"No composer renders outbox messages of kind '{message.Kind}' ({message.IdempotencyKey}).");
        }

        var claim = await _deliveries.ClaimAsync(message.IdempotencyKey, cancellationToken);
        switch (claim.Outcome)
        {
            case DeliveryOutcome.AlreadyDone:
                _logger.LogInformation("Email {IdempotencyKey} was already delivered; duplicate ignored", message.IdempotencyKey);
                return;
            case DeliveryOutcome.InProgress:
                // Thrown, not swallowed: the queue retries after the visibility timeout, when the other attempt has finished.
                throw new EmailDeliveryInProgressException(message.IdempotencyKey);
        }

        OutgoingEmail? email;
        try
        {
            email = await composer.ComposeAsync(message, cancellationToken);
            if (email is null)
            {
                _logger.LogInformation("Email {IdempotencyKey} ({Kind}) has nothing left to send; skipped", message.IdempotencyKey, message.Kind);
                await _deliveries.MarkSkippedAsync(claim, CancellationToken.None);
                return;
            }

            await _sender.SendAsync(Tracked(email, message), cancellationToken);
        }
        catch (Exception exception)
        {
            await ReleaseAsync(claim, message, exception);
            throw;
        }

        // The remaining window for a duplicate is here: SendGrid has accepted, the record still says "Sending".
        // It is kept as small as it can be: nothing runs between the two calls, the record already exists so this
        // is one small conditional update, and it ignores cancellation so a shutdown cannot cut it off. Only a
        // process crash inside this window leaves a stale claim, which is re-sent once its lease expires
        // (a duplicate is preferred to a lost confirmation).
        await _deliveries.MarkSentAsync(claim, CancellationToken.None);
    }

    /// <summary>Not delivered (or not known to be): release the claim so the queue's retry can send at once.</summary>
    private async Task ReleaseAsync(DeliveryClaim claim, OutboxMessage message, Exception failure)
    {
        try
        {
            await _deliveries.MarkFailedAsync(claim, $"{failure.GetType().Name}: {failure.Message}", CancellationToken.None);
        }
        catch (Azure.RequestFailedException exception)
        {
            // The original failure is what the queue must see; a stuck claim only delays the retry to its lease's end.
            _logger.LogWarning(exception, "Could not release the delivery claim of {IdempotencyKey}", message.IdempotencyKey);
        }
    }

    private static OutgoingEmail Tracked(OutgoingEmail email, OutboxMessage message)
    {
        var tracking = new Dictionary<string, string>(email.Tracking, StringComparer.Ordinal)
        {
            ["idempotency_key"] = message.IdempotencyKey,
            ["kind"] = message.Kind,
        };
        return email with { Tracking = tracking };
    }
}

public sealed class EmailDeliveryInProgressException(string idempotencyKey)
    : Exception($"Email {idempotencyKey} is being delivered by another attempt; retry later.");
