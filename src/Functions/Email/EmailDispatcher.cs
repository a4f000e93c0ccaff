using System.Diagnostics;
using GoodThings.Telemetry;

namespace GoodThings.Email;

/// <summary>Delivers an outbox message at most once per idempotency key: claim, compose, send, record.</summary>
public sealed class EmailDispatcher
{
    /// <summary>The tracking value on every email sent that names its logical email (the outbox idempotency key).</summary>
    public const string IdempotencyKeyTracking = "idempotency_key";

    /// <summary>
    /// Added to the wait for another attempt's lease: instances' clocks differ a little and queue visibility is whole
    /// seconds, and a copy that comes back a moment early only goes round once more.
    /// </summary>
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan MinimumHoldBack = TimeSpan.FromSeconds(1);

    // A queue message can be held back at most 7 days.
    private static readonly TimeSpan MaximumHoldBack = TimeSpan.FromDays(7);

    private readonly Dictionary<string, IEmailComposer> _composers;
    private readonly EmailDeliveries _deliveries;
    private readonly Suppressions _suppressions;
    private readonly IEmailSender _sender;
    private readonly Outbox _outbox;
    private readonly ILogger<EmailDispatcher> _logger;

    public EmailDispatcher(
        IEnumerable<IEmailComposer> composers, EmailDeliveries deliveries, Suppressions suppressions, IEmailSender sender, Outbox outbox, ILogger<EmailDispatcher> logger)
    {
        _composers = composers.SelectMany(c => c.Kinds.Select(kind => (kind, c))).ToDictionary(p => p.kind, p => p.c, StringComparer.Ordinal);
        _deliveries = deliveries;
        _suppressions = suppressions;
        _sender = sender;
        _outbox = outbox;
        _logger = logger;
    }

    public Task DeliverAsync(OutboxMessage message, CancellationToken cancellationToken) =>
        DeliverAsync(message, lastAttempt: false, cancellationToken);

    /// <summary>
    /// Delivers under a span that continues the trace of whoever asked for the email (the message's
    /// <see cref="OutboxMessage.TraceParent"/>), linked to the queue invocation running it, and counts the outcome.
    /// </summary>
    /// <param name="lastAttempt">The queue's last try: a failure now sends the message to the poison queue.</param>
    public async Task DeliverAsync(OutboxMessage message, bool lastAttempt, CancellationToken cancellationToken)
    {
        using var activity = StartDelivery(message);
        try
        {
            await DeliverOnceAsync(message, activity, cancellationToken);
        }
        catch (Exception exception)
        {
            AppMetrics.Email(AppMetrics.Failed, message.Kind);
            if (lastAttempt)
            {
                AppMetrics.Email(AppMetrics.Poisoned, message.Kind);
            }

            activity?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
            throw;
        }
    }

    public const string DeliveryActivityName = "deliver email";

    private static Activity? StartDelivery(OutboxMessage message)
    {
        if (!AppTelemetry.Source.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(message.TraceParent, traceState: null, isRemote: true, out var requester);
        ActivityLink[]? links = Activity.Current is { } invocation ? [new ActivityLink(invocation.Context)] : null;
        var activity = AppTelemetry.Source.StartActivity(DeliveryActivityName, ActivityKind.Consumer, requester, links: links);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("messaging.destination.name", Outbox.QueueName);
            activity.SetTag("goodthings.email.kind", message.Kind);
            activity.SetTag("goodthings.email.idempotency_key", message.IdempotencyKey);
        }

        return activity;
    }

    private async Task DeliverOnceAsync(OutboxMessage message, Activity? activity, CancellationToken cancellationToken)
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
                await PutBackAsync(message, claim, cancellationToken);
                return;
        }

        OutgoingEmail? email;
        try
        {
            email = await composer.ComposeAsync(message, cancellationToken);
            if (email is null)
            {
                _logger.LogInformation("Email {IdempotencyKey} ({Kind}) has nothing left to send; skipped", message.IdempotencyKey, message.Kind);
                await _deliveries.MarkSkippedAsync(claim, reason: null, CancellationToken.None);
                Counted(AppMetrics.Skipped, message, activity);
                return;
            }

            // Checked at send time, not when queued: a bounce reported after an email was queued still stops it.
            var scope = email.IsNewsletter ? SuppressionScope.Newsletters : SuppressionScope.All;
            if (await _suppressions.StopsAsync(email.To, scope, cancellationToken) is { } suppression)
            {
                _logger.LogInformation("Email {IdempotencyKey} ({Kind}) goes to a suppressed address ({Reason}); skipped", message.IdempotencyKey, message.Kind, suppression.Reason);
                await _deliveries.MarkSkippedAsync(claim, $"suppressed: {suppression.Reason}", CancellationToken.None);
                Counted(AppMetrics.Skipped, message, activity);
                return;
            }

            // Never cut short by a shutdown: a send abandoned half-way may have been accepted, and releasing its claim
            // would send it again. The sender's own timeouts bound it; the claim's lease outlasts them.
            await _sender.SendAsync(Tracked(email, message), CancellationToken.None);
            // Counted once accepted: should recording it fail below, the email has still gone.
            Counted(AppMetrics.Sent, message, activity);
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

    private static void Counted(string outcome, OutboxMessage message, Activity? activity)
    {
        AppMetrics.Email(outcome, message.Kind);
        activity?.SetTag("goodthings.email.outcome", outcome);
    }

    /// <summary>
    /// Another attempt holds the delivery. Throwing would have the queue retry after host.json's visibility timeout,
    /// and <c>maxDequeueCount</c> such retries (5 × 30 s) can all fall inside the claim's lease and poison the only
    /// message of an email whose holder died. A queue trigger cannot hold its own message back, so a copy goes back on
    /// the outbox queue, hidden for a while, and this message completes: by then the holder has marked it sent (the
    /// copy finds it done) or released or lost its claim (the copy takes it over).
    /// </summary>
    private async Task PutBackAsync(OutboxMessage message, DeliveryClaim claim, CancellationToken cancellationToken)
    {
        var holdBack = HoldBack(claim);
        await _outbox.EnqueueAsync(message, holdBack, cancellationToken);
        _logger.LogInformation("Email {IdempotencyKey} is being delivered by another attempt; put back for {HoldBack}", message.IdempotencyKey, holdBack);
    }

    /// <summary>
    /// As long as the claim has been held (at least a second), never past its lease's end: a young claim is usually a
    /// live attempt about to finish, so its duplicate looks again soon; an old one is likely a dead attempt's, so the
    /// copy's waits double until the lease ends, a handful of rounds rather than one every second.
    /// </summary>
    internal static TimeSpan HoldBack(DeliveryClaim claim)
    {
        var untilLeaseEnds = claim.LeaseLeft + LeaseMargin;
        var holdBack = claim.HeldFor < MinimumHoldBack ? MinimumHoldBack : claim.HeldFor;
        holdBack = holdBack < untilLeaseEnds ? holdBack : untilLeaseEnds;
        return holdBack < MaximumHoldBack ? holdBack : MaximumHoldBack;
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
            [IdempotencyKeyTracking] = message.IdempotencyKey,
            ["kind"] = message.Kind,
        };
        return email with { Tracking = tracking };
    }
}
