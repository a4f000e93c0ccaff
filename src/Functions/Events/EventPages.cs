
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

    public static EventPage Event(EventRecord e, DateTimeOffset now, RegistrationForm? form = null) =>
        new(Facts(e), AvailabilityOf(e, now))
        {
            PlacesLeft = e.Remaining,
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

    private static EventAvailability AvailabilityOf(EventRecord e, DateTimeOffset now) => e.AvailabilityAt(now) switch
    {
        Availability.Open => EventAvailability.Open,
        Availability.Waitlist => EventAvailability.Waitlist,
        _ => EventAvailability.Closed,
    };
}
