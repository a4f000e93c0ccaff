namespace GoodThings.Invitations;

/// <summary>
/// Renders invitations and their nudges from the event and invitation as they are at send time: nothing goes to
/// someone who has answered, whose invitation was erased, or for an event no longer open for registration.
/// </summary>
public sealed class InvitationEmailComposer(EventStore store, InvitationLinks links, TemplateRenderer renderer, IOptions<SiteOptions> site, TimeProvider time) : IEmailComposer
{
    public IReadOnlyCollection<string> Kinds { get; } = [InvitationEmails.InvitationKind, InvitationEmails.ReminderKind];

    public async Task<OutgoingEmail?> ComposeAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var eventId = message.Reference("eventId");
        var loaded = await store.GetAsync(eventId, cancellationToken);
        var invitation = await store.GetInvitationAsync(eventId, message.Reference(InvitationEmails.InviteeReference), cancellationToken);
        if (loaded?.Event is not { } @event || invitation is not { Status: InvitationStatus.Pending } || !@event.IsOpenForRegistration(time.GetUtcNow()))
        {
            return null;
        }

        var organiserMessage = invitation.MessageId is { } messageId ? (await store.GetMessageAsync(eventId, messageId, cancellationToken))?.Body : null;
        var token = links.Token(@event, invitation);
        var name = string.IsNullOrWhiteSpace(invitation.Name) ? null : invitation.Name;
        var rendered = renderer.RenderEmail(new Emails.Invitation(
            name,
            EventPages.EmailDetails(@event, site.Value),
            links.AcceptUrl(@event, token),
            links.DeclineUrl(token),
            @event.EffectiveRegistrationClosesAt,
            organiserMessage,
            IsReminder: message.Kind == InvitationEmails.ReminderKind));
        return new OutgoingEmail(invitation.Email, name, rendered.Subject, rendered.Html, rendered.Text);
    }
}
