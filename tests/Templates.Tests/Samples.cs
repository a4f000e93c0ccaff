
namespace GoodThings.Templates.Tests;

/// <summary>Fixed models: the golden files are these, rendered.</summary>
internal static class Samples
{
    public static readonly SiteInfo Site = new("How to make good things happen", "https://events.example.org");

    public static readonly EventDetails InPerson = new(
        Title: "Delivering net zero locally: what worked",
        StartsAt: new DateTimeOffset(2026, 3, 3, 18, 30, 0, TimeSpan.Zero),
        EndsAt: new DateTimeOffset(2026, 3, 3, 20, 0, 0, TimeSpan.Zero),
        TimeZone: "Europe/London",
        Format: EventFormat.InPerson,
        Venue: new Venue("The Guildhall", "Gresham Street, London EC2V 7HH"),
        Url: "https://events.example.org/events/net-zero-locally",
        Summary: "Three councils on the retrofit programmes that reached people, and the ones that didn't.");

    public static readonly EventDetails Online = new(
        Title: "Fixing the front door: digital services people can use",
        StartsAt: new DateTimeOffset(2026, 6, 16, 11, 0, 0, TimeSpan.Zero),
        EndsAt: new DateTimeOffset(2026, 6, 16, 12, 0, 0, TimeSpan.Zero),
        TimeZone: "Europe/London",
        Format: EventFormat.Online,
        Venue: null,
        Url: "https://events.example.org/events/fixing-the-front-door");

    public static readonly EventDetails Hybrid = new(
        Title: "Missions in practice: from strategy to street",
        StartsAt: new DateTimeOffset(2026, 9, 24, 8, 0, 0, TimeSpan.Zero),
        EndsAt: new DateTimeOffset(2026, 9, 24, 16, 30, 0, TimeSpan.Zero),
        TimeZone: "Europe/London",
        Format: EventFormat.Hybrid,
        Venue: new Venue("Manchester Central Library", "St Peter's Square, Manchester M2 5PD"),
        Url: "https://events.example.org/events/missions-in-practice");

    private const string Manage = "https://events.example.org/registrations/tok_3f9a";

    /// <summary>A check-in QR code as the app attaches it: 65 modules at 4 CSS pixels.</summary>
    public static readonly CheckInImage CheckIn = new("https://events.example.org/console/check-in/chk_3f9a", "check-in-5b1e0c@goodthings", 260);
    private const string Join = "https://meet.example.com/j/8841-2290";
    private const string Unsubscribe = "https://events.example.org/unsubscribe?token=uns_71c2";
    private const string Preferences = "https://events.example.org/preferences?token=prf_71c2";
    private const string Accept = "https://events.example.org/events/net-zero-locally?invitation=tok_3f9a#register";
    private const string Decline = "https://events.example.org/invitations/tok_3f9a/decline";

    // The day before the event, when registration closes.
    private static readonly DateTimeOffset RespondBy = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private const string InvitationMessage = """
        We're bringing together **council retrofit leads** for an honest evening about what worked, and we'd value
        your experience in the room.

        Read the [background paper](https://events.example.org/papers/retrofit) beforehand, if you like.
        """;

    private const string NewsletterBody = """
        ## What we learnt this season

        Thank you to everyone who came along this spring. A few things stood out:

        - **Start small.** The councils that piloted with ten homes learnt faster than those that planned for a thousand.
        - *Ask early.* Residents spotted problems officials missed.
        - Share the numbers, even the awkward ones.

        > "We stopped writing strategies and started knocking on doors." – a retrofit lead in Leeds

        The [recordings are online](https://events.example.org/recordings), and our next event is in June.
        """;

    public static readonly IReadOnlyDictionary<string, IEmailModel> Emails = new Dictionary<string, IEmailModel>
    {
        ["RegistrationConfirmed"] = new RegistrationConfirmed("Ada Lovelace", InPerson, Manage, CheckIn: CheckIn),
        ["RegistrationConfirmed.Online"] = new RegistrationConfirmed(null, Online, Manage, Join),
        ["RegistrationWaitlisted"] = new RegistrationWaitlisted("Ada Lovelace", InPerson, 3, Manage),
        ["WaitlistPromoted"] = new WaitlistPromoted("Ada Lovelace", Hybrid, Manage, Join, CheckIn),
        ["RegistrationCancelled"] = new RegistrationCancelled("Ada Lovelace", InPerson),
        ["EventUpdated"] = new EventUpdated("Ada Lovelace", InPerson, EventChange.Time | EventChange.Place, Manage),
        ["EventUpdated.JoinLink"] = new EventUpdated("Ada Lovelace", Online, EventChange.JoinUrl, Manage, Join),
        ["EventCancelled"] = new EventCancelled("Ada Lovelace", InPerson, "Our main speaker is unwell, and we'd rather postpone than go ahead without her."),
        ["EventCancelled.NoReason"] = new EventCancelled(null, Online, null),
        ["OrganiserMessage"] = new OrganiserMessage("Ada Lovelace", InPerson, "Step-free access and what to bring",
            """
            We're looking forward to seeing you on Tuesday.

            - The Guildhall has **step-free access** from Basinghall Street.
            - Doors open at 6pm; we'll start at 6:30pm sharp.

            Questions? Reply to this email or see the [venue guide](https://events.example.org/venues/guildhall).
            """, Manage),
        ["Reminder.24Hours"] = new Reminder("Ada Lovelace", InPerson, TimeSpan.FromHours(24), Manage, CheckIn: CheckIn),
        ["Reminder.1Hour"] = new Reminder("Ada Lovelace", Online, TimeSpan.FromHours(1), Manage, Join),
        ["FollowUpThanks"] = new FollowUpThanks("Ada Lovelace", InPerson,
            RecordingUrl: "https://events.example.org/recordings/net-zero-locally",
            SlidesUrl: "https://events.example.org/slides/net-zero-locally.pdf",
            FeedbackUrl: "https://forms.example.org/feedback/net-zero-locally"),
        ["FollowUpThanks.NoLinks"] = new FollowUpThanks(null, Online),
        ["FollowUpMissed"] = new FollowUpMissed("Ada Lovelace", InPerson, "https://events.example.org/recordings/net-zero-locally"),
        ["FollowUpMissed.NoRecording"] = new FollowUpMissed("Ada Lovelace", Online),
        ["SubscriptionConfirm"] = new SubscriptionConfirm("Ada Lovelace", "https://events.example.org/subscribe/confirm?token=sub_5d10"),
        ["Newsletter"] = new Newsletter("Ada Lovelace", "Spring round-up: what worked", "Start small, ask early, share the numbers.",
            NewsletterBody, Unsubscribe, Preferences),
        ["Newsletter.Test"] = new Newsletter(null, "Spring round-up: what worked", null, NewsletterBody, Unsubscribe, Preferences, IsTest: true),
        ["EventAnnouncement"] = new EventAnnouncement("Ada Lovelace", InPerson, Unsubscribe, Preferences),
        ["Invitation"] = new Invitation("Ada Lovelace", InPerson, Accept, Decline, RespondBy, InvitationMessage),
        ["Invitation.Reminder"] = new Invitation("Ada Lovelace", InPerson, Accept, Decline, RespondBy, InvitationMessage, IsReminder: true),
        ["Invitation.NoMessage"] = new Invitation(null, Online,
            "https://events.example.org/events/fixing-the-front-door?invitation=tok_3f9a#register", Decline,
            new DateTimeOffset(2026, 6, 15, 16, 0, 0, TimeSpan.Zero)),
    };
}
