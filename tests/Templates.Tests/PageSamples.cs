using GoodThings.Templates.Formatting;

namespace GoodThings.Templates.Tests;

/// <summary>Fixed page models: the golden files under Golden/Pages are these, rendered.</summary>
internal static class PageSamples
{
    public const string JoinUrl = "https://meet.example.com/j/8841-2290";

    // The email samples' events, as pages show them.
    public static readonly EventFacts InPerson = FactsOf(Samples.InPerson);

    public static readonly EventFacts Online = FactsOf(Samples.Online) with
    {
        Summary = "What it took to rebuild a benefits application around the people who use it.",
    };

    public static readonly EventFacts Hybrid = FactsOf(Samples.Hybrid);

    private const string Description = """
        Retrofit is where net zero meets people's homes. Three councils tell us what they tried, what
        reached residents, and what they'd stop doing.

        ## What we'll cover

        - **Starting small:** the pilot of ten homes that taught more than a plan for a thousand.
        - *Asking early:* residents spotted problems officials missed.
        - Sharing the numbers, even the awkward ones.

        > "We stopped writing strategies and started knocking on doors."

        | Council | Homes retrofitted | Months |
        | --- | --- | --- |
        | Leeds | 1,240 | 18 |
        | Bristol | 860 | 12 |

        Read the [background paper](https://events.example.org/papers/retrofit) before you come, if you like.
        """;

    private static readonly EventSpeaker[] Speakers =
    [
        new("Amara Okafor", "Head of Net Zero, Leeds City Council"),
        new("Tom Reyes", "Retrofit programme lead, Bristol City Council"),
        new("Priya Shah"),
    ];

    private static readonly string[] Tags = ["net zero", "housing", "local government"];

    public static EventPage EventOpen => new(InPerson, EventAvailability.Open)
    {
        PlacesLeft = 12,
        Description = Description,
        Speakers = Speakers,
        Tags = Tags,
    };

    /// <summary>An invite-only event opened from the invitation's "Accept" link: the form addressed to the invitee.</summary>
    public static EventPage EventInvited => EventOpen with
    {
        IsInviteOnly = true,
        Invitation = new InvitationToken("tok_3f9a"),
        Form = new RegistrationForm { Name = "Ada Lovelace", Email = "ada@example.org" },
    };

    public static DeclineInvitationPage DeclineInvitation => new(InPerson, "tok_3f9a", "Ada Lovelace", Declined: false, CanAccept: true);

    public static RegistrationForm InvalidForm => new()
    {
        Name = "",
        Email = "ada@example",
        Organisation = "Analytical Engines Ltd",
        AccessibilityNeeds = "A seat near the front, please.\nAnd a hearing loop.",
        Subscribe = true,
        Errors =
        [
            new FieldError(RegistrationFields.Email, "Enter an email address in the correct format, like name@example.com"),
            new FieldError(RegistrationFields.Name, "Enter your full name"),
            new FieldError(RegistrationFields.Name, "Name must be 200 characters or fewer"),
        ],
    };

    private static readonly TopicChoice[] OfferedTopics = [new("delivery", false), new("housing", false), new("net zero", false)];

    public static SubscriptionForm SubscribeForm => new() { AsksForEmail = true, Topics = OfferedTopics };

    public static SubscriptionForm InvalidSubscribeForm => SubscribeForm with
    {
        Email = "ada@example",
        Name = "Ada <b>Lovelace</b>",
        Topics = [new("delivery", false), new("housing", true), new("net zero", true)],
        Errors =
        [
            new FieldError(SubscriptionFields.Name, "Name must not contain HTML tags"),
            new FieldError(SubscriptionFields.Email, "Enter an email address in the correct format, like name@example.com"),
        ],
    };

    public static SubscriptionForm PreferencesForm => new()
    {
        Name = "Ada Lovelace",
        Topics = [new("delivery", false), new("housing", true), new("net zero", true)],
    };

    public const string ConsoleToken = "Y29uc29sZS1jc3JmfG5vbmNlfDE3OTk5OTk5OTk.c2lnbmF0dXJl";

    public static readonly ConsoleHeader ConsoleHeader = new("Ada Lovelace", ConsoleToken);

    public static readonly ConsoleEventRow[] ConsoleUpcoming =
    [
        new(InPerson.Title, "/console/events/ev_7k2m", EventTimes.Describe(InPerson.StartsAt, InPerson.EndsAt, InPerson.TimeZone), "Published", 48, 6, 0),
        new(Online.Title, "/console/events/ev_9p4q", EventTimes.Describe(Online.StartsAt, Online.EndsAt, Online.TimeZone), "Draft", 0, 0, 0),
    ];

    public static readonly ConsoleEventRow[] ConsoleRecent =
    [
        new(Hybrid.Title, "/console/events/ev_3c8d", EventTimes.Describe(Hybrid.StartsAt, Hybrid.EndsAt, Hybrid.TimeZone), "Published", 120, 14, 97),
    ];

    /// <summary>A few zones, so the goldens do not carry the whole tz database.</summary>
    public static readonly string[] ConsoleTimeZones = ["America/New_York", "Europe/London", "Europe/Paris", "UTC"];

    public static readonly ConsoleEventForm ConsoleEventFormFilled = ConsoleEventForm.Empty(ConsoleTimeZones) with
    {
        Title = InPerson.Title,
        SummaryText = InPerson.Summary,
        Description = Description,
        StartsAt = "2026-03-03T18:30",
        EndsAt = "2026-03-03T20:00",
        VenueName = "Leeds Central Library",
        VenueAddress = "Calverley Street, Leeds LS1 3AB",
        Capacity = "60",
        Tags = "net zero, housing, local government",
        Speakers = "Amara Okafor, Head of Net Zero, Leeds City Council\nTom Reyes, Retrofit programme lead, Bristol City Council\nPriya Shah",
        FeedbackLink = "https://forms.example.org/retrofit",
    };

    public static readonly ConsoleEventHubPage ConsoleHub = new(ConsoleHeader, "ev_9p4q", Online.Title, "Draft",
        EventTimes.Describe(Online.StartsAt, Online.EndsAt, Online.TimeZone), "/events/rebuilding-benefits", 0, 0, 0)
    {
        SummaryText = Online.Summary,
        Format = "Online",
        OnlineUrl = JoinUrl,
        Tags = ["delivery"],
    };
    private static ConsoleChoice[] ConsoleStatuses(string chosen) =>
    [
        new("", "All", chosen == ""), new("confirmed", "Confirmed", chosen == "confirmed"),
        new("waitlisted", "Waitlisted", chosen == "waitlisted"), new("cancelled", "Cancelled", chosen == "cancelled"),
    ];

    private static readonly ConsoleRegistrationsPage ConsoleRegistrations = new(
        ConsoleHeader,
        InPerson.Title,
        "/console/events/ev_7k2m",
        "",
        "",
        ConsoleStatuses(""),
        [
            new("Grace Hopper", "grace@example.org", "Confirmed", null, "Monday 2 February 2026, 9:15am (London time, UTC)",
                "Tuesday 3 March 2026, 6:42pm (London time, UTC)", "/console/events/ev_7k2m/registrations/r_1/cancel", null),
            new("Ada Lovelace", "ada.lovelace.with.a.very.long.address@analytical-engines.example.org", "Waitlisted", 1,
                "Tuesday 3 February 2026, 11am (London time, UTC)", null, "/console/events/ev_7k2m/registrations/r_2/cancel",
                "/console/events/ev_7k2m/registrations/r_2/promote"),
            new("Katherine Johnson", "katherine@example.org", "Cancelled", null, "Wednesday 4 February 2026, 2:30pm (London time, UTC)", null, null, null),
        ],
        3,
        "/console/events/ev_7k2m/registrations",
        "/console/events/ev_7k2m/registrations.csv?q=&status=",
        "/console/events/ev_7k2m/door",
        "/console/events/ev_7k2m/message");

    private static readonly ConsoleDoorPage ConsoleDoor = new(
        ConsoleHeader,
        InPerson.Title,
        "Tuesday 3 March 2026, 6:30pm to 8pm (London time, UTC)",
        "/console/events/ev_7k2m",
        "",
        [
            new("Grace Hopper", "grace@example.org", "Tuesday 3 March 2026, 6:42pm (London time, UTC)", "/console/events/ev_7k2m/door/r_1"),
            new("Mary Jackson", "mary.jackson.with.a.very.long.address@langley.example.org", null, "/console/events/ev_7k2m/door/r_3"),
        ],
        1,
        2,
        "/console/events/ev_7k2m/door");

    private static ConsoleChoice[] ConsoleAudiences(string chosen) =>
    [
        new("all", "Everyone registered (confirmed or waitlisted): 54", chosen == "all"),
        new("confirmed", "Confirmed: 48", chosen == "confirmed"),
        new("waitlisted", "Waitlisted: 6", chosen == "waitlisted"),
        new("attended", "Attended (checked in): 0", chosen == "attended"),
        new("noShows", "No-shows (confirmed, not checked in): 14", chosen == "noShows"),
    ];

    private static readonly ConsoleMessageForm ConsoleMessageFilled = new()
    {
        Subject = "Slides and recording",
        Body = "Sorry we missed you. The **slides** and the [recording](https://events.example.org/recordings/retrofit) are online.\n\n- Slides: 24 pages\n- Recording: 58 minutes",
        Audience = "noShows",
    };

    private const string ConsoleMessageText = """
        How to make good things happen

        A message from the organisers of Delivering net zero locally: what worked, Tuesday 3 March 2026, 6:30pm to 8pm (London time, UTC).

        Hello,

        Sorry we missed you. The **slides** and the [recording](https://events.example.org/recordings/retrofit) are online.

        - Slides: 24 pages
        - Recording: 58 minutes

        Manage your registration: https://events.example.org/registrations/

        ----
        You're receiving this email because you registered for Delivering net zero locally: what worked.

        How to make good things happen: https://events.example.org
        """;

    private static readonly ConsoleComposePage ConsoleCompose = new(
        ConsoleHeader,
        InPerson.Title,
        "/console/events/ev_7k2m",
        "/console/events/ev_7k2m/message",
        "/console/events/ev_7k2m/message/send",
        ConsoleAudiences("all"),
        new ConsoleMessageForm());

    public static readonly IReadOnlyDictionary<string, IPageModel> Pages = new Dictionary<string, IPageModel>
    {
        ["Home"] = new HomePage(
        [
            new EventCard(InPerson, EventAvailability.Open, PlacesLeft: 12),
            new EventCard(Online, EventAvailability.Waitlist, PlacesLeft: 0),
            new EventCard(Hybrid, EventAvailability.Open),
        ]),
        ["Home.Closed"] = new HomePage([new EventCard(InPerson, EventAvailability.Closed), new EventCard(Online, EventAvailability.Open, PlacesLeft: 1)]),
        ["Home.Empty"] = new HomePage([]),
        ["Event.Open"] = EventOpen,
        ["Event.Online"] = new EventPage(Online, EventAvailability.Open) { Description = "A short talk and plenty of questions." },
        ["Event.Hybrid"] = new EventPage(Hybrid, EventAvailability.Open) { Speakers = Speakers },
        ["Event.Waitlist"] = EventOpen with { Availability = EventAvailability.Waitlist, PlacesLeft = 0 },
        ["Event.Closed"] = EventOpen with { Availability = EventAvailability.Closed, PlacesLeft = null },
        ["Event.Cancelled"] = EventOpen with
        {
            Availability = EventAvailability.Closed,
            IsCancelled = true,
            CancellationReason = "Our main speaker is unwell, and we'd rather postpone than go ahead without her.",
        },
        ["Event.Invalid"] = EventOpen with { Form = InvalidForm },
        ["Event.Invited"] = EventInvited,
        ["Event.InvitedWaitlist"] = EventInvited with { Availability = EventAvailability.Waitlist, PlacesLeft = 0 },
        ["Event.InviteOnly"] = EventOpen with { IsInviteOnly = true },
        ["DeclineInvitation"] = DeclineInvitation,
        ["DeclineInvitation.Invalid"] = DeclineInvitation with
        {
            Reason = string.Concat(Enumerable.Repeat("Sorry, I'm away that week. ", 8)).TrimEnd(),
            ReasonError = "Your message must be 200 characters or fewer",
        },
        ["DeclineInvitation.Done"] = DeclineInvitation with { Declined = true },
        ["DeclineInvitation.DoneClosed"] = DeclineInvitation with { Declined = true, CanAccept = false },
        ["Registration.Confirmed"] = new RegistrationPage(InPerson, "tok_3f9a", "Ada Lovelace", AttendeeStatus.Confirmed) { CanCancel = true },
        ["Registration.ConfirmedOnline"] = new RegistrationPage(Online, "tok_3f9a", "Ada Lovelace", AttendeeStatus.Confirmed)
        {
            JoinUrl = JoinUrl,
            CanCancel = true,
            Notice = RegistrationNotice.Registered,
        },
        ["Registration.Waitlisted"] = new RegistrationPage(Hybrid, "tok_3f9a", "Ada Lovelace", AttendeeStatus.Waitlisted)
        {
            WaitlistPosition = 3,
            CanCancel = true,
            Notice = RegistrationNotice.Waitlisted,
        },
        ["Registration.AlreadyRegistered"] = new RegistrationPage(InPerson, "tok_3f9a", "Ada Lovelace", AttendeeStatus.Confirmed)
        {
            CanCancel = true,
            Notice = RegistrationNotice.AlreadyRegistered,
        },
        ["Registration.Cancelled"] = new RegistrationPage(InPerson, "tok_3f9a", "Ada Lovelace", AttendeeStatus.Cancelled)
        {
            Notice = RegistrationNotice.Cancelled,
        },
        ["Registration.EventCancelled"] = new RegistrationPage(Online, "tok_3f9a", "Ada Lovelace", AttendeeStatus.Confirmed)
        {
            JoinUrl = JoinUrl,
            CanCancel = true,
            EventCancelled = true,
        },
        ["Registration.Started"] = new RegistrationPage(Hybrid, "tok_3f9a", "Ada Lovelace", AttendeeStatus.Confirmed) { JoinUrl = JoinUrl },
        ["Message.CheckEmail"] = new MessagePage("Check your email", "Thanks. We've sent you an email: follow the link in it to confirm."),
        ["Message.InvalidLink"] = new MessagePage("This link is not valid", "It may have expired, or been copied incompletely. If you need help, reply to any email we've sent you."),
        ["NotFound"] = new NotFoundPage(),
        ["Subscribe"] = new SubscribePage(SubscribeForm),
        ["Subscribe.NoTopics"] = new SubscribePage(SubscribeForm with { Topics = [] }),
        ["Subscribe.Invalid"] = new SubscribePage(InvalidSubscribeForm),
        ["Subscribe.TooManyTopics"] = new SubscribePage(SubscribeForm with
        {
            Email = "ada@example.org",
            Topics = [.. Enumerable.Range(1, 21).Select(i => new TopicChoice($"topic {i}", true))],
            Errors = [new FieldError(SubscriptionFields.Topics, "Choose at most 20 topics")],
        }),
        ["ConfirmSubscription"] = new ConfirmSubscriptionPage("tok_3f9a", "ada@example.org"),
        ["Subscribed"] = new SubscribedPage("tok_3f9a", "ada@example.org", ["housing", "net zero"]),
        ["Subscribed.AllTopics"] = new SubscribedPage("tok_3f9a", "ada@example.org", []),
        ["Unsubscribe"] = new UnsubscribePage("tok_3f9a", "ada@example.org", Unsubscribed: false),
        ["Unsubscribe.Done"] = new UnsubscribePage("tok_3f9a", "ada@example.org", Unsubscribed: true),
        ["Erase"] = new ErasePage("tok_3f9a", "ada@example.org", Erased: false),
        ["Erase.Done"] = new ErasePage("tok_3f9a", "ada@example.org", Erased: true),
        ["Preferences"] = new PreferencesPage("tok_3f9a", "ada@example.org", SubscriptionStatus.Subscribed, PreferencesForm),
        ["Preferences.Saved"] = new PreferencesPage("tok_3f9a", "ada@example.org", SubscriptionStatus.Subscribed, PreferencesForm) { Saved = true },
        ["Preferences.Pending"] = new PreferencesPage("tok_3f9a", "ada@example.org", SubscriptionStatus.Pending, PreferencesForm with { Name = null, Topics = OfferedTopics }),
        ["Preferences.Unsubscribed"] = new PreferencesPage("tok_3f9a", "ada@example.org", SubscriptionStatus.Unsubscribed, PreferencesForm),
        ["Preferences.NoTopics"] = new PreferencesPage("tok_3f9a", "ada@example.org", SubscriptionStatus.Subscribed, PreferencesForm with { Topics = [] }),
        ["Preferences.Invalid"] = new PreferencesPage("tok_3f9a", "ada@example.org", SubscriptionStatus.Subscribed, PreferencesForm with
        {
            Name = new string('A', 201),
            Errors = [new FieldError(SubscriptionFields.Name, "Name must be 200 characters or fewer")],
        }),
        ["Console.SignIn"] = new ConsoleSignInPage(ConsoleToken, "/console"),
        ["Console.SignIn.WrongKey"] = new ConsoleSignInPage(ConsoleToken, "/console/events/ev_7k2m", WrongKey: true),
        ["Console.SignIn.Platform"] = new ConsoleSignInPage(ConsoleToken, "/console", PlatformSignIn: "/.auth/login/aad?post_login_redirect_uri=%2Fconsole"),
        ["Console.Dashboard"] = new ConsoleDashboardPage(ConsoleHeader, ConsoleUpcoming, ConsoleRecent),
        ["Console.Dashboard.Empty"] = new ConsoleDashboardPage(ConsoleHeader with { OrganiserName = "Organiser (key)" }, [], []),
        ["Console.CheckIn"] = new ConsoleCheckInPage(ConsoleHeader, "Grace Hopper", "What worked in the missions", "Tuesday 3 March 2026, 6:30pm to 8pm (London time, UTC)",
            "Confirmed", CanCheckIn: true, CheckedInAt: null, "/console/check-in/tok_9c2e"),
        ["Console.CheckIn.Done"] = new ConsoleCheckInPage(ConsoleHeader, "Grace Hopper", "What worked in the missions", "Tuesday 3 March 2026, 6:30pm to 8pm (London time, UTC)",
            "Confirmed", CanCheckIn: true, CheckedInAt: "Tuesday 3 March 2026, 6:42pm (London time, UTC)", "/console/check-in/tok_9c2e"),
        ["Console.CheckIn.Cancelled"] = new ConsoleCheckInPage(ConsoleHeader, "Grace Hopper", "What worked in the missions", "Tuesday 3 March 2026, 6:30pm to 8pm (London time, UTC)",
            "Cancelled", CanCheckIn: false, CheckedInAt: null, "/console/check-in/tok_9c2e"),
        ["Console.NotAnOrganiser"] = new ConsoleMessagePage("You are not an organiser",
            "You are signed in, but your account does not hold the Organiser role. Ask an organiser to give it to you.", "/", "Go to the public site"),
        // The console's event pages: the form (empty, with errors, previewing, editing), the hub in each status, cancelling.
        ["Console.EventForm"] = new ConsoleEventFormPage(ConsoleHeader, ConsoleEventForm.Empty(ConsoleTimeZones), "/console/events/new", null, "/console"),
        ["Console.EventForm.Invalid"] = new ConsoleEventFormPage(ConsoleHeader, ConsoleEventFormFilled with
        {
            EndsAt = "2026-03-03T17:00",
            Capacity = "lots",
            Errors =
            [
                new FieldError(ConsoleEventFields.EndsAt, "Ends must be after startsAt"),
                new FieldError(ConsoleEventFields.Capacity, "Capacity must be a whole number from 1 to 100000, or null for unlimited"),
                new FieldError(ConsoleEventFields.Tags, "Topic 3 must be at most 50 characters"),
            ],
        }, "/console/events/new", null, "/console"),
        ["Console.EventForm.Preview"] = new ConsoleEventFormPage(ConsoleHeader, ConsoleEventFormFilled, "/console/events/new", null, "/console")
        {
            IsPreview = true,
            Preview = ConsoleEventFormFilled.Description,
        },
        ["Console.EventForm.Edit"] = new ConsoleEventFormPage(ConsoleHeader, ConsoleEventFormFilled with { Slug = "retrofit-that-reached-residents" },
            "/console/events/ev_7k2m/edit", InPerson.Title, "/console/events/ev_7k2m"),
        ["Console.EventHub.Draft"] = ConsoleHub with { Notice = "Draft saved. Publish it when it is ready." },
        ["Console.EventHub.InviteOnlyDraft"] = ConsoleHub with { IsInviteOnly = true, ReservedSeats = 10, Capacity = "60" },
        ["Console.EventHub.Published"] = new ConsoleEventHubPage(ConsoleHeader, "ev_7k2m", InPerson.Title, "Published",
            EventTimes.Describe(InPerson.StartsAt, InPerson.EndsAt, InPerson.TimeZone), "/events/retrofit-that-reached-residents", 48, 6, 0)
        {
            SummaryText = InPerson.Summary,
            Format = "Hybrid",
            VenueName = "Leeds Central Library",
            VenueAddress = "Calverley Street, Leeds LS1 3AB",
            OnlineUrl = JoinUrl,
            Capacity = "60",
            Tags = Tags,
            Speakers = Speakers,
            Notice = "Event published. Subscribers who follow its topics are being emailed.",
        },
        ["Console.EventHub.Cancelled"] = ConsoleHub with { Status = "Cancelled", CancellationReason = "Our speakers are unwell; we'll find a new date.", Confirmed = 12, Waitlisted = 2 },
        ["Console.CancelEvent"] = new ConsoleCancelEventPage(ConsoleHeader, "ev_7k2m", InPerson.Title,
            EventTimes.Describe(InPerson.StartsAt, InPerson.EndsAt, InPerson.TimeZone), IsPublished: true, 48, 6, new ConsoleCancelForm()),
        ["Console.CancelEvent.Invalid"] = new ConsoleCancelEventPage(ConsoleHeader, "ev_9p4q", Online.Title,
            EventTimes.Describe(Online.StartsAt, Online.EndsAt, Online.TimeZone), IsPublished: false, 0, 0,
            new ConsoleCancelForm { Reason = "", Errors = [new FieldError(ConsoleCancelForm.ReasonField, "Reason is required")] }),

        // The event's people: registrations, the door and messages.
        ["Console.Registrations"] = ConsoleRegistrations,
        ["Console.Registrations.Filtered"] = ConsoleRegistrations with
        {
            Query = "ada",
            Status = "waitlisted",
            Statuses = ConsoleStatuses("waitlisted"),
            Rows = [ConsoleRegistrations.Rows[1]],
            CsvPath = "/console/events/ev_7k2m/registrations.csv?q=ada&status=waitlisted",
        },
        ["Console.Registrations.NoResults"] = ConsoleRegistrations with
        {
            Query = "nobody",
            Rows = [],
            CsvPath = "/console/events/ev_7k2m/registrations.csv?q=nobody&status=",
        },
        ["Console.Registrations.Empty"] = ConsoleRegistrations with { Rows = [], Total = 0 },
        ["Console.Registrations.UnknownStatus"] = new ConsoleMessagePage("Unknown status",
            "The status filter must be all, confirmed, waitlisted or cancelled.", "/console/events/ev_7k2m/registrations", "Show all registrations"),
        ["Console.CancelRegistration"] = new ConsoleCancelRegistrationPage(ConsoleHeader, InPerson.Title, "Grace Hopper", "grace@example.org", "Confirmed",
            "/console/events/ev_7k2m/registrations/r_1/cancel", "grace", "confirmed", "/console/events/ev_7k2m/registrations?q=grace&status=confirmed"),
        ["Console.Door"] = ConsoleDoor,
        ["Console.Door.Search"] = ConsoleDoor with { Query = "grace", Rows = [ConsoleDoor.Rows[0]] },
        ["Console.Door.NoResults"] = ConsoleDoor with { Query = "nobody", Rows = [] },
        ["Console.Door.Empty"] = ConsoleDoor with { Rows = [], CheckedIn = 0, Confirmed = 0 },
        ["Console.Message"] = ConsoleCompose,
        ["Console.Message.Invalid"] = ConsoleCompose with
        {
            Form = new ConsoleMessageForm
            {
                Subject = "",
                Body = "See you **tomorrow**.",
                Audience = "noShows",
                Errors = [new FieldError("subject", "Enter a subject")],
            },
            Audiences = ConsoleAudiences("noShows"),
        },
        ["Console.Message.Preview"] = ConsoleCompose with
        {
            Form = ConsoleMessageFilled,
            Audiences = ConsoleAudiences("noShows"),
            Preview = new ConsoleMessagePreview("Slides and recording", ConsoleMessageText, 14, "No-shows (confirmed, not checked in)"),
        },
        ["Console.Message.PreviewNobody"] = ConsoleCompose with
        {
            Form = ConsoleMessageFilled with { Audience = "attended" },
            Audiences = ConsoleAudiences("attended"),
            Preview = new ConsoleMessagePreview("Slides and recording", ConsoleMessageText, 0, "Attended (checked in)"),
        },
        ["Console.Message.Sent"] = ConsoleCompose with { SentTo = 14 },
        ["Console.Promote.NotWaitlisted"] = new ConsoleMessagePage("Nothing was changed",
            "Only people on the waitlist can be promoted, and this person is not on it any more.", "/console/events/ev_7k2m/registrations", "Back to the registrations"),
    }
    // The console's audit log and newsletter pages, listed in their own file.
    .Concat(NewsPageSamples.Pages)
    .ToDictionary();

    /// <summary>An email's event facts for a page: the same facts, with the last segment of its address as the slug.</summary>
    private static EventFacts FactsOf(EventDetails details) => new(
        details.Url[(details.Url.LastIndexOf('/') + 1)..],
        details.Title,
        details.StartsAt,
        details.EndsAt,
        details.TimeZone,
        details.Format,
        details.Venue,
        details.Summary);
}
