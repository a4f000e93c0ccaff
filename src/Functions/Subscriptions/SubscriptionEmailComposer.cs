
namespace GoodThings.Subscriptions;

/// <summary>Renders confirmation requests and event announcements from the subscriber as they are at send time.</summary>
public sealed class SubscriptionEmailComposer(
    SubscriberStore subscribers,
    SubscriptionService subscriptions,
    EventStore events,
    TemplateRenderer renderer,
    IOptions<SiteOptions> site,
    IOptions<EmailOptions> email,
    TimeProvider time) : IEmailComposer
{
    /// <summary>How long a confirmation may wait for the subscriber row that names it before it counts as never written.</summary>
    private static readonly TimeSpan UncommittedAfter = TimeSpan.FromMinutes(1);

    public IReadOnlyCollection<string> Kinds { get; } = [SubscriptionEmails.Confirm, SubscriptionEmails.Announcement];

    public async Task<OutgoingEmail?> ComposeAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var loaded = await subscribers.GetAsync(message.Reference("subscriber"), cancellationToken);
        return message.Kind == SubscriptionEmails.Confirm
            ? Confirmation(message, loaded?.Subscriber)
            : loaded?.Subscriber is { Status: SubscriberStatus.Subscribed } subscriber ? await AnnouncementAsync(message, subscriber, cancellationToken) : null;
    }

    private OutgoingEmail? Confirmation(OutboxMessage message, SubscriberRecord? subscriber)
    {
        var nonce = message.Reference(SubscriptionEmails.NonceReference);
        if (subscriber is not { Status: SubscriberStatus.Pending } || subscriber.ConfirmationNonce != nonce)
        {
            // The request enqueues before it writes the row, so a young message may be ahead of its row. A subscribed
            // row will never take this nonce: nothing to wait for.
            if (subscriber?.Status != SubscriberStatus.Subscribed && IsYoung(message))
            {
                throw new SubscriberNotWrittenYetException(message.IdempotencyKey);
            }

            return null;
        }

        var rendered = renderer.RenderEmail(new Emails.SubscriptionConfirm(
            subscriber.Name,
            site.Value.Link($"subscribe/confirm?token={subscriptions.ConfirmToken(subscriber.Key, nonce)}"),
            SubscriptionService.ConfirmLinkLifetime));
        return new OutgoingEmail(subscriber.Email, subscriber.Name, rendered.Subject, rendered.Html, rendered.Text);
    }

    private bool IsYoung(OutboxMessage message) =>
        message.References.TryGetValue(SubscriptionEmails.RequestedAtReference, out var requested)
        && DateTimeOffset.TryParse(requested, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var at)
        && time.GetUtcNow() - at < UncommittedAfter;

    private async Task<OutgoingEmail?> AnnouncementAsync(OutboxMessage message, SubscriberRecord subscriber, CancellationToken cancellationToken)
    {
        var loaded = await events.GetAsync(message.Reference("eventId"), cancellationToken);
        if (loaded?.Event is not { Status: EventStatus.Published } @event || @event.StartsAt <= time.GetUtcNow() || !subscriber.Follows(@event.Tags))
        {
            return null;
        }

        var token = subscriptions.ManageToken(subscriber);
        var rendered = renderer.RenderEmail(new Emails.EventAnnouncement(
            subscriber.Name,
            EventPages.EmailDetails(@event, site.Value),
            site.Value.Link($"unsubscribe?token={token}"),
            site.Value.Link($"preferences?token={token}")));
        return new OutgoingEmail(subscriber.Email, subscriber.Name, rendered.Subject, rendered.Html, rendered.Text)
        {
            Headers = SubscriptionEmails.UnsubscribeHeaders(site.Value, email.Value, token),
            IsNewsletter = true,
        };
    }
}

public sealed class SubscriberNotWrittenYetException(string idempotencyKey)
    : Exception($"Email {idempotencyKey} names a subscriber change not written yet; retry later.");
