namespace GoodThings.Subscriptions;

/// <summary>Everything the app holds about one address, as the person (or an organiser answering them) may see it.</summary>
/// <param name="Suppression">Set when no newsletter (or no email at all) may go to the address; kept after an erasure.</param>
public sealed record PersonalDataExport(
    string Email, SubscriptionData? Subscription, IReadOnlyList<RegistrationData> Registrations, IReadOnlyList<InvitationData> Invitations, SuppressionData? Suppression);

public sealed record SubscriptionData(
    string? Name, IReadOnlyList<string> Topics, string Status, DateTime RequestedAt, string RequestSource,
    ConsentData? Consent, DateTime? UnsubscribedAt);

/// <summary>The proof of the double opt-in: when, from which form, from which IP address.</summary>
public sealed record ConsentData(DateTime At, string Source, string? IpAddress);

/// <summary>Whether mail to the address is stopped: <c>all</c> email or <c>newsletters</c> only, why (the SendGrid event) and since when.</summary>
public sealed record SuppressionData(string Scope, string Reason, DateTime At);

public sealed record RegistrationData(
    string EventId, string EventTitle, DateTime EventStartsAt, string Name, string Email, string? Organisation, string? AccessibilityNeeds,
    string Status, DateTime RegisteredAt, DateTime? CancelledAt, DateTime? CheckedInAt);

/// <param name="Status">pending, accepted or declined.</param>
public sealed record InvitationData(
    string EventId, string EventTitle, DateTime EventStartsAt, string Name, string Email, string Status, DateTime InvitedAt, DateTime? RespondedAt, string? DeclineReason);

/// <summary>Gathers an address's data from the subscribers table, every event's registrations and invitations, and the suppression list.</summary>
public sealed class PersonalData(SubscriberStore subscribers, SubscriptionService subscriptions, EventStore events, Suppressions suppressions)
{
    /// <summary>For the person, through the link in their subscriber emails; null when the link is not valid.</summary>
    public async Task<PersonalDataExport?> ExportAsync(string token, CancellationToken cancellationToken) =>
        await subscriptions.GetAsync(token, cancellationToken) is { } view ? await ExportOfAsync(view.Subscriber.Email, cancellationToken) : null;

    /// <summary>For an organiser answering a request that reached them by email: whatever is held, possibly nothing.</summary>
    public async Task<PersonalDataExport> ExportOfAsync(string email, CancellationToken cancellationToken)
    {
        var subscriber = (await subscribers.GetAsync(SubscriberStore.KeyOf(email), cancellationToken))?.Subscriber;
        var registrations = await events.ListRegistrationsOfAsync(email, cancellationToken);
        var invitations = await events.ListInvitationsOfAsync(email, cancellationToken);
        var suppression = await suppressions.GetAsync(email, cancellationToken);
        var titles = new Dictionary<string, EventRecord?>(StringComparer.Ordinal);
        foreach (var eventId in registrations.Select(r => r.EventId).Concat(invitations.Select(i => i.EventId)).Distinct(StringComparer.Ordinal))
        {
            titles[eventId] = (await events.GetAsync(eventId, cancellationToken))?.Event;
        }

        return new PersonalDataExport(
            subscriber?.Email ?? email.Trim(),
            subscriber is null ? null : new SubscriptionData(
                subscriber.Name, subscriber.Topics, EventJson.Camel(subscriber.Status), subscriber.RequestedAt.UtcDateTime, subscriber.RequestSource,
                subscriber.Consent is { } consent ? new ConsentData(consent.At.UtcDateTime, consent.Source, consent.IpAddress) : null,
                subscriber.UnsubscribedAt?.UtcDateTime),
            [.. registrations.Select(r => new RegistrationData(
                r.EventId, titles[r.EventId]?.Title ?? "", titles[r.EventId]?.StartsAt.UtcDateTime ?? default, r.Name, r.Email, r.Organisation, r.AccessibilityNeeds,
                EventJson.Camel(r.Status), r.RegisteredAt.UtcDateTime, r.CancelledAt?.UtcDateTime, r.CheckedInAt?.UtcDateTime))],
            [.. invitations.Select(i => new InvitationData(
                i.EventId, titles[i.EventId]?.Title ?? "", titles[i.EventId]?.StartsAt.UtcDateTime ?? default, i.Name, i.Email,
                EventJson.Camel(i.Status), i.InvitedAt.UtcDateTime, i.RespondedAt?.UtcDateTime, i.DeclineReason))],
            suppression is null ? null : new SuppressionData(EventJson.Camel(suppression.Scope), suppression.Reason, suppression.At.UtcDateTime));
    }
}
