
namespace GoodThings.Subscriptions;

/// <summary>What someone asked for: an address, and optionally a name and topics.</summary>
/// <param name="Topics">Null when not given (a returning address keeps its topics); empty for every topic.</param>
public sealed record SubscriptionInput(string Email, string? Name, IReadOnlyList<string>? Topics);

/// <summary>A request to start the double opt-in, from the form, the API or a registration that ticked the box.</summary>
/// <param name="Topics">Null when not given; see <see cref="SubscriptionInput.Topics"/>.</param>
public sealed record SubscriptionRequest(string Email, string? Name, string Source, IReadOnlyList<string>? Topics);

/// <summary>A subscriber as their own links see them.</summary>
public sealed record SubscriberView(SubscriberRecord Subscriber, string Token);

/// <summary>
/// Double opt-in, preferences and one-click unsubscribe. Nobody is subscribed without confirming a link sent to
/// the address, and nothing a request returns tells whether an address is on the list.
/// </summary>
public sealed class SubscriptionService(
    SubscriberStore store, Suppressions suppressions, DeliveryTallies tallies, Outbox outbox, Storage.Queues queues, TokenService tokens, TimeProvider time)
{
    /// <summary>Requests to subscribe wait here, so answering one costs the same for every address.</summary>
    public const string RequestQueueName = "subscribe";

    public const string ConfirmPurpose = "subscription-confirm";
    public const string ManagePurpose = "subscriber";

    public static readonly TimeSpan ConfirmLinkLifetime = TimeSpan.FromDays(7);
    public static readonly TimeSpan ConfirmationResendInterval = TimeSpan.FromHours(1);

    /// <summary>Unsubscribe and preference links outlive any reasonable gap between two newsletters.</summary>
    public static readonly TimeSpan ManageLinkLifetime = TimeSpan.FromDays(400);

    /// <summary>Long enough for the subscriber row naming a confirmation to commit before the email is composed.</summary>
    private static readonly TimeSpan ConfirmationHoldBack = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Takes a request to subscribe. It is only queued here, so the answer costs the same whether the address is new,
    /// pending or subscribed: neither its body nor its timing tells who is on the list.
    /// </summary>
    public Task AskAsync(SubscriptionInput input, string source, CancellationToken cancellationToken) =>
        queues.SendAsync(RequestQueueName, new SubscriptionRequest(input.Email, input.Name, source, input.Topics), cancellationToken: cancellationToken);

    /// <summary>
    /// Sends a confirmation link to a new, pending or unsubscribed address (at most one an hour); does nothing for
    /// an address already subscribed. The email is enqueued before the row that names it is written: if the write
    /// loses a race or the process dies in between, the composer finds another nonce (or none) and sends nothing,
    /// and the person's retry works at once. The other order could leave a row that says "sent" with no email.
    /// </summary>
    public Task RequestAsync(SubscriptionInput input, string source, CancellationToken cancellationToken) =>
        Optimistic.RetryRowAsync(
            async () =>
            {
                var key = SubscriberStore.KeyOf(input.Email);
                var loaded = await store.GetAsync(key, cancellationToken);
                var now = time.GetUtcNow();
                if (loaded?.Subscriber is { Status: SubscriberStatus.Subscribed }
                    || loaded?.Subscriber is { Status: SubscriberStatus.Pending, ConfirmationSentAt: { } sent } && now - sent < ConfirmationResendInterval)
                {
                    return true;
                }

                var nonce = Guid.NewGuid().ToString("N");
                var pending = new SubscriberRecord
                {
                    Key = key,
                    Email = input.Email,
                    Name = input.Name ?? loaded?.Subscriber.Name,
                    Topics = input.Topics ?? loaded?.Subscriber.Topics ?? [],
                    Status = SubscriberStatus.Pending,
                    RequestedAt = now,
                    RequestSource = source,
                    ConfirmationSentAt = now,
                    ConfirmationNonce = nonce,
                    Consent = loaded?.Subscriber.Consent,
                    UnsubscribedAt = loaded?.Subscriber.UnsubscribedAt,
                };
                await outbox.EnqueueAsync(SubscriptionEmails.Confirmation(pending, nonce, now), ConfirmationHoldBack, cancellationToken);
                await store.SaveAsync(pending, loaded, cancellationToken);
                return true;
            },
            cancellationToken);

    /// <summary>Names the request as well as the address, so only the latest link can confirm, with that request's source.</summary>
    public string ConfirmToken(string key, string nonce) =>
        tokens.Create(ConfirmPurpose, $"{key}.{nonce}", time.GetUtcNow() + ConfirmLinkLifetime);

    public string ManageToken(SubscriberRecord subscriber) => ManageToken(subscriber.Key);

    /// <summary>The token of a subscriber's unsubscribe and preferences links.</summary>
    public string ManageToken(string subscriberKey) =>
        tokens.Create(ManagePurpose, subscriberKey, time.GetUtcNow() + ManageLinkLifetime);

    /// <summary>
    /// Confirms the pending request a link was sent for and records the consent (time, that request's source, address);
    /// idempotent once subscribed. A link from before an unsubscribe, or superseded by a later request, confirms nothing.
    /// </summary>
    /// <returns>The subscriber with a manage token, or null when the link cannot confirm.</returns>
    public Task<SubscriberView?> ConfirmAsync(string token, string? ipAddress, CancellationToken cancellationToken) =>
        Optimistic.RetryRowAsync(
            async () =>
            {
                if (await LoadConfirmableAsync(token, cancellationToken) is not { } loaded)
                {
                    return null;
                }

                var subscriber = loaded.Subscriber;
                if (subscriber.Status == SubscriberStatus.Pending)
                {
                    // A fresh double opt-in outweighs an earlier unsubscribe reported by SendGrid (a bounce or spam
                    // report stays). Lifted before the row is saved, so a failure here leaves the link still able to
                    // confirm, and its retry lifts it; lifting without the save only affects newsletters, which need the save.
                    await suppressions.LiftNewslettersAsync(subscriber.Email, cancellationToken);
                    subscriber = subscriber with
                    {
                        Status = SubscriberStatus.Subscribed,
                        Consent = new Consent(time.GetUtcNow(), subscriber.RequestSource, ipAddress),
                        ConfirmationNonce = null,
                        UnsubscribedAt = null,
                    };
                    await store.SaveAsync(subscriber, loaded, cancellationToken);
                }

                return new SubscriberView(subscriber, ManageToken(subscriber));
            },
            cancellationToken);

    /// <summary>The subscriber a confirm link names, when confirming would succeed: what <see cref="ConfirmAsync"/> checks, without the write.</summary>
    public async Task<SubscriberRecord?> GetConfirmableAsync(string token, CancellationToken cancellationToken) =>
        (await LoadConfirmableAsync(token, cancellationToken))?.Subscriber;

    /// <summary>The subscriber, when the link is for their pending request, or they are subscribed already.</summary>
    private async Task<LoadedSubscriber?> LoadConfirmableAsync(string token, CancellationToken cancellationToken) =>
        tokens.Read(token, ConfirmPurpose)?.Split('.') is [var key, var nonce]
        && await store.GetAsync(key, cancellationToken) is { } loaded
        && (loaded.Subscriber.Status == SubscriberStatus.Subscribed || loaded.Subscriber is { Status: SubscriberStatus.Pending } pending && pending.ConfirmationNonce == nonce)
            ? loaded
            : null;

    public async Task<SubscriberView?> GetAsync(string token, CancellationToken cancellationToken) =>
        await LoadAsync(token, ManagePurpose, cancellationToken) is { } loaded ? new SubscriberView(loaded.Subscriber, token) : null;

    /// <summary>Unsubscribes at once (idempotent): nothing more goes to the address until it opts in again.</summary>
    /// <param name="campaignId">The campaign whose email's one-click link was used: a subscriber who leaves counts towards its <c>unsubscribed</c>.</param>
    public async Task<SubscriberView?> UnsubscribeAsync(string token, string? campaignId, CancellationToken cancellationToken)
    {
        var left = false;
        var view = await ChangeAsync(
            token,
            s =>
            {
                left = s.Status == SubscriberStatus.Subscribed;
                return s.Status == SubscriberStatus.Unsubscribed ? s : s with { Status = SubscriberStatus.Unsubscribed, UnsubscribedAt = time.GetUtcNow(), ConfirmationNonce = null };
            },
            cancellationToken);
        if (left && campaignId is not null && CampaignStore.IsId(campaignId))
        {
            await tallies.AddUnsubscribedAsync(campaignId, cancellationToken);
        }

        return view;
    }

    /// <summary>Sets name and topics; never changes whether the address is subscribed.</summary>
    public Task<SubscriberView?> SetPreferencesAsync(string token, string? name, IReadOnlyList<string> topics, CancellationToken cancellationToken) =>
        ChangeAsync(token, s => s with { Name = name, Topics = topics }, cancellationToken);

    private Task<SubscriberView?> ChangeAsync(string token, Func<SubscriberRecord, SubscriberRecord> change, CancellationToken cancellationToken) =>
        Optimistic.RetryRowAsync(
            async () =>
            {
                if (await LoadAsync(token, ManagePurpose, cancellationToken) is not { } loaded)
                {
                    return null;
                }

                var changed = change(loaded.Subscriber);
                if (changed != loaded.Subscriber)
                {
                    await store.SaveAsync(changed, loaded, cancellationToken);
                }

                return new SubscriberView(changed, token);
            },
            cancellationToken);

    private async Task<LoadedSubscriber?> LoadAsync(string token, string purpose, CancellationToken cancellationToken) =>
        tokens.Read(token, purpose) is { } key ? await store.GetAsync(key, cancellationToken) : null;
}
