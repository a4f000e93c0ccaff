using GoodThings.CheckIn;

namespace GoodThings.Registrations;

/// <summary>
/// Renders every email about a registration from the event and registration as they are at send time. A message
/// overtaken by events (a confirmation for a since-cancelled registration, a waitlist email after a promotion)
/// renders as nothing, so people never get stale news.
/// </summary>
public sealed class RegistrationEmailComposer(
    EventStore store,
    RegistrationService registrations,
    CalendarFiles calendars,
    CheckInLinks checkInLinks,
    TemplateRenderer renderer,
    IOptions<SiteOptions> site,
    TimeProvider time) : IEmailComposer
{
    public IReadOnlyCollection<string> Kinds { get; } =
    [
        RegistrationEmails.Confirmed, RegistrationEmails.Waitlisted, RegistrationEmails.Promoted, RegistrationEmails.Cancelled,
        EventFanOut.Updated, EventFanOut.Cancelled, EventFanOut.OrganiserMessage,
        RegistrationEmails.Reminder, RegistrationEmails.FollowUpThanks, RegistrationEmails.FollowUpMissed,
    ];

    public async Task<OutgoingEmail?> ComposeAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var eventId = message.Reference("eventId");
        var loaded = await store.GetAsync(eventId, cancellationToken);
        var found = await store.GetRegistrationAsync(eventId, message.Reference("registrationId"), cancellationToken);
        if (loaded is null || found is not var (registration, _) || registration.AnonymisedAt is not null)
        {
            return null;
        }

        var @event = loaded.Event;
        var now = time.GetUtcNow();
        var details = EventPages.EmailDetails(@event, site.Value);
        var manageUrl = site.Value.Link($"registrations/{registrations.ManageToken(@event, registration)}");
        var confirmed = registration.Status == RegistrationStatus.Confirmed;
        var joinUrl = confirmed && @event.Format != EventFormat.InPerson ? @event.OnlineUrl : null;
        // Built only for the kinds that attach it.
        EmailAttachment? Invite() => confirmed ? calendars.Invite(@event, registration, manageUrl, joinUrl) : null;
        // Drawn only for the kinds that show it; only a confirmed person has a seat to check in to, and only an event
        // with a venue has a door.
        CheckInCode? checkIn = null;
        Emails.CheckInImage? CheckInQr()
        {
            if (!confirmed || @event.Format == EventFormat.Online)
            {
                return null;
            }

            checkIn = CheckInCodes.Render(checkInLinks.Url(checkInLinks.Token(@event, registration)));
            return new Emails.CheckInImage(checkIn.Url, checkIn.ContentId, checkIn.DisplayWidth);
        }

        (Emails.IEmailModel Model, EmailAttachment? Attachment)? email = message.Kind switch
        {
            RegistrationEmails.Confirmed when confirmed && IsCurrent(@event) =>
                (new Emails.RegistrationConfirmed(registration.Name, details, manageUrl, joinUrl, CheckInQr()), Invite()),
            RegistrationEmails.Waitlisted when registration.Status == RegistrationStatus.Waitlisted && IsCurrent(@event) =>
                (new Emails.RegistrationWaitlisted(registration.Name, details, await PositionAsync(message, registration, cancellationToken), manageUrl), null),
            RegistrationEmails.Promoted when confirmed && IsCurrent(@event) && now < @event.StartsAt =>
                (new Emails.WaitlistPromoted(registration.Name, details, manageUrl, joinUrl, CheckInQr()), Invite()),
            RegistrationEmails.Cancelled when registration.Status == RegistrationStatus.Cancelled && IsCurrent(@event) =>
                (new Emails.RegistrationCancelled(registration.Name, details), null),
            EventFanOut.Updated when registration.Status != RegistrationStatus.Cancelled && IsCurrent(@event) && IsLatest(@event, message) =>
                (new Emails.EventUpdated(registration.Name, details, ChangesOf(message), manageUrl, joinUrl), Invite()),
            EventFanOut.Cancelled when registration.Status != RegistrationStatus.Cancelled && @event.Status == EventStatus.Cancelled =>
                (new Emails.EventCancelled(registration.Name, details, @event.CancellationReason), confirmed ? calendars.Cancellation(@event, registration) : null),
            EventFanOut.OrganiserMessage when registration.Status != RegistrationStatus.Cancelled =>
                await OrganiserMessageAsync(message, registration, details, manageUrl, cancellationToken),
            RegistrationEmails.Reminder when confirmed && IsCurrent(@event) && ScheduledItemOf(@event, message) is { Before: { } before } && now < @event.StartsAt =>
                (new Emails.Reminder(registration.Name, details, EventSchedule.Lead(before, @event.StartsAt - now), manageUrl, message.Reference(RegistrationEmails.JoinLinkReference) == "true" ? joinUrl : null, CheckInQr()), null),
            RegistrationEmails.FollowUpThanks when confirmed && IsCurrent(@event) && IsInTime(@event, message, now) =>
                (new Emails.FollowUpThanks(registration.Name, details, @event.FollowUp?.RecordingUrl, @event.FollowUp?.SlidesUrl, @event.FollowUp?.FeedbackUrl), null),
            RegistrationEmails.FollowUpMissed when confirmed && IsCurrent(@event) && IsInTime(@event, message, now) =>
                (new Emails.FollowUpMissed(registration.Name, details, @event.FollowUp?.RecordingUrl), null),
            _ => null,
        };

        if (email is not var (model, attachment))
        {
            return null;
        }

        var rendered = renderer.RenderEmail(model);
        return new OutgoingEmail(registration.Email, registration.Name, rendered.Subject, rendered.Html, rendered.Text)
        {
            // The calendar file stays first; the QR code is the image the HTML shows by its Content-ID.
            Attachments =
            [
                .. attachment is null ? [] : new[] { attachment },
                .. checkIn is null ? [] : new[] { checkIn.Attachment() },
            ],
        };
    }

    private async Task<(Emails.IEmailModel, EmailAttachment?)?> OrganiserMessageAsync(
        OutboxMessage message, RegistrationRecord registration, Emails.EventDetails details, string manageUrl, CancellationToken cancellationToken) =>
        await store.GetMessageAsync(registration.EventId, message.Reference("messageId"), cancellationToken) is { } organiserMessage
            ? (new Emails.OrganiserMessage(registration.Name, details, organiserMessage.Subject, organiserMessage.Body, manageUrl), null)
            : null;

    private async Task<int> PositionAsync(OutboxMessage message, RegistrationRecord registration, CancellationToken cancellationToken) =>
        message.References.TryGetValue(RegistrationEmails.PositionReference, out var position)
            ? int.Parse(position, CultureInfo.InvariantCulture)
            : await store.WaitlistPositionAsync(registration.EventId, registration.WaitlistTicket!.Value, cancellationToken);

    /// <summary>Published and not yet over: registration news about a cancelled or past event is not sent.</summary>
    private static bool IsCurrent(EventRecord @event) => @event.Status == EventStatus.Published;

    /// <summary>The scheduled item a message was sent for, while the event is still at that time version.</summary>
    private static ScheduledItem? ScheduledItemOf(EventRecord @event, OutboxMessage message) =>
        @event.Schedule.FirstOrDefault(item =>
            item.Name == message.Reference(RegistrationEmails.ScheduleReference) &&
            item.TimeVersion.ToString(CultureInfo.InvariantCulture) == message.Reference(RegistrationEmails.TimeVersionReference));

    /// <summary>A follow-up held up goes up to a week late, never later.</summary>
    private static bool IsInTime(EventRecord @event, OutboxMessage message, DateTimeOffset now) =>
        ScheduledItemOf(@event, message) is { } item && now <= item.DueAt + EventSchedule.FollowUpLateLimit;

    /// <summary>A later change supersedes an earlier update email: its own email carries the latest details.</summary>
    private static bool IsLatest(EventRecord @event, OutboxMessage message) =>
        !message.References.TryGetValue("sequence", out var sequence) || int.Parse(sequence, CultureInfo.InvariantCulture) >= @event.Sequence;

    private static Emails.EventChange ChangesOf(OutboxMessage message) =>
        (message.References.GetValueOrDefault("changes") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).Aggregate(Emails.EventChange.None, (all, change) => all | change switch
        {
            "time" => Emails.EventChange.Time,
            "place" => Emails.EventChange.Place,
            "link" => Emails.EventChange.JoinUrl,
            _ => Emails.EventChange.None,
        });
}
