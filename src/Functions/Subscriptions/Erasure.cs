namespace GoodThings.Subscriptions;

/// <summary>What an erasure did.</summary>
/// <param name="RegistrationsCancelled">Places at events not yet started, given up (the waitlist moves up).</param>
/// <param name="RegistrationsAnonymised">Every registration of the address, the cancelled ones included.</param>
/// <param name="InvitationsDeleted">Invitations to the address, answered or not.</param>
public sealed record ErasureSummary(bool SubscriptionDeleted, int RegistrationsCancelled, int RegistrationsAnonymised, int InvitationsDeleted);

/// <summary>
/// Erases everything held about an address at the person's request: their registrations for events not yet started
/// are cancelled (the seat goes to the waitlist), every registration of the address is anonymised, a newsletters-only
/// suppression (an HMAC of the address, nothing else) stops newsletters for good unless they opt in again, their
/// invitations are deleted, and the subscriber row is deleted.
/// </summary>
public sealed class Erasure(
    SubscriberStore subscribers, SubscriptionService subscriptions, EventStore events, RegistrationService registrations, InvitationService invitations, Suppressions suppressions)
{
    /// <summary>Registrations of one event erased per write (see <see cref="RegistrationService.EraseAsync"/>).</summary>
    private const int ErasuresPerTransaction = 45;

    /// <summary>Through the subscriber's own link; null when the link is not valid (or the data is erased already).</summary>
    public async Task<ErasureSummary?> EraseAsync(string token, CancellationToken cancellationToken) =>
        await subscriptions.GetAsync(token, cancellationToken) is { } view ? await EraseOfAsync(view.Subscriber.Email, cancellationToken) : null;

    /// <summary>
    /// For an organiser answering a request by email; null when nothing is held about the address (then nothing is
    /// written, not even a suppression). The subscriber row goes last, so that if this fails part-way the person's own
    /// link still works to try again.
    /// </summary>
    public async Task<ErasureSummary?> EraseOfAsync(string email, CancellationToken cancellationToken)
    {
        var key = SubscriberStore.KeyOf(email);
        var subscriber = await subscribers.GetAsync(key, cancellationToken);
        var held = await events.ListRegistrationsOfAsync(email, cancellationToken);
        var invited = await events.ListInvitationsOfAsync(email, cancellationToken);
        if (subscriber is null && held.Count == 0 && invited.Count == 0)
        {
            return null;
        }

        var erased = new HashSet<string>(StringComparer.Ordinal);
        foreach (var active in held.Where(r => r.Status != RegistrationStatus.Cancelled))
        {
            // An event that has started is too late to cancel: its registration is only anonymised below.
            if (await registrations.CancelAndEraseAsync(active.EventId, active.Id, cancellationToken) == CancelResult.Cancelled)
            {
                erased.Add(active.Id);
            }
        }

        foreach (var ofEvent in held.Where(r => !erased.Contains(r.Id)).GroupBy(r => r.EventId, StringComparer.Ordinal))
        {
            foreach (var batch in ofEvent.Chunk(ErasuresPerTransaction))
            {
                await registrations.EraseAsync(ofEvent.Key, [.. batch.Select(r => r.Id)], cancellationToken);
            }
        }

        foreach (var ofEvent in invited.GroupBy(i => i.EventId, StringComparer.Ordinal))
        {
            await invitations.ForgetAsync(ofEvent.Key, [.. ofEvent], cancellationToken);
        }

        await suppressions.SuppressAsync(email, SuppressionScope.Newsletters, SuppressionReasons.Erased, cancellationToken);
        if (subscriber is not null)
        {
            await subscribers.DeleteAsync(key, cancellationToken);
        }

        return new ErasureSummary(subscriber is not null, erased.Count, held.Count, invited.Count);
    }
}
