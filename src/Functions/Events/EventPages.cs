
namespace GoodThings.Events;

/// <summary>Maps events and registrations onto the public pages' models. Nothing here can carry the online link.</summary>
public static class EventPages
{
    public static EventFacts Facts(EventRecord e) =>
        new(e.Slug, e.Title, e.StartsAt, e.EndsAt, e.TimeZone, TemplateFormat(e.Format), TemplateVenue(e.Venue), e.Summary);

    /// <summary>An event as emails describe it, with an absolute link to its page.</summary>
    public static Emails.EventDetails EmailDetails(EventRecord e, SiteOptions site) =>
        new(e.Title, e.StartsAt, e.EndsAt, e.TimeZone, TemplateFormat(e.Format), TemplateVenue(e.Venue), site.Link($"events/{e.Slug}"), e.Summary);

    /// <summary>The templates' own copy of the format (templates know nothing of the domain).</summary>
    public static Emails.EventFormat TemplateFormat(EventFormat format) => format switch
    {
        EventFormat.Online => Emails.EventFormat.Online,
        EventFormat.Hybrid => Emails.EventFormat.Hybrid,
        _ => Emails.EventFormat.InPerson,
    };

    public static Emails.Venue? TemplateVenue(Venue? venue) => venue is null ? null : new Emails.Venue(venue.Name, venue.Address);

    public static HomePage Home(IEnumerable<EventRecord> upcoming, DateTimeOffset now) =>
        new([.. upcoming.Select(e => new EventCard(Facts(e), AvailabilityOf(e, now), e.Remaining))]);

    /// <param name="invitation">The token of the invitation the page was opened with: the form is then the invitee's, seats held for invitees included.</param>
    public static EventPage Event(EventRecord e, DateTimeOffset now, RegistrationForm? form = null, string? invitation = null) =>
        new(Facts(e), AvailabilityOf(e, now, invitee: invitation is not null))
        {
            PlacesLeft = invitation is null ? e.Remaining : e.Capacity is null ? null : Math.Max(0, e.FreeSeats(e.Counts, invitee: true)),
            IsInviteOnly = e.Visibility == EventVisibility.InviteOnly,
            Invitation = invitation is null ? null : new InvitationToken(invitation),
            Description = e.Description,
            Speakers = [.. e.Speakers.Select(s => new EventSpeaker(s.Name, s.Role))],
            Tags = e.Tags,
            IsCancelled = e.Status == EventStatus.Cancelled,
            CancellationReason = e.CancellationReason,
            Form = form ?? RegistrationForm.Empty,
        };

    public static RegistrationPage Registration(RegistrationView view, DateTimeOffset now, RegistrationNotice notice) =>
        new(Facts(view.Event), view.Token, view.Registration.Name, view.Registration.Status switch
        {
            RegistrationStatus.Confirmed => AttendeeStatus.Confirmed,
            RegistrationStatus.Waitlisted => AttendeeStatus.Waitlisted,
            _ => AttendeeStatus.Cancelled,
        })
        {
            WaitlistPosition = view.WaitlistPosition,
            JoinUrl = view.JoinUrl,
            CanCancel = view.CanCancel(now),
            EventCancelled = view.Event.Status == EventStatus.Cancelled,
            Notice = notice,
        };

    private static EventAvailability AvailabilityOf(EventRecord e, DateTimeOffset now, bool invitee = false) => e.AvailabilityAt(now, invitee) switch
    {
        Availability.Open => EventAvailability.Open,
        Availability.Waitlist => EventAvailability.Waitlist,
        _ => EventAvailability.Closed,
    };
}
