namespace GoodThings.Templates.Pages;

// The console's event pages: the form that creates and edits an event, the event's hub, and the cancel confirmation.
// Kept apart from ConsolePages.cs so the console's other pages can grow beside them.

/// <summary>
/// What the event form holds: the values as typed (strings, so nothing typed is lost when the form comes back with
/// errors), the errors, and the time zones to choose from. The form's field names are also its inputs' ids.
/// </summary>
public sealed record ConsoleEventForm
{
    /// <summary>A new event's form: in person, public, in London time.</summary>
    public static ConsoleEventForm Empty(IReadOnlyList<string> timeZones) => new()
    {
        TimeZone = "Europe/London",
        Format = "inPerson",
        Visibility = "public",
        TimeZones = timeZones,
    };

    public string? Title { get; init; }

    public string? Slug { get; init; }

    /// <summary>The event's one-line summary (<c>Summary</c> is the error summary, as on every form).</summary>
    public string? SummaryText { get; init; }

    /// <summary>Markdown.</summary>
    public string? Description { get; init; }

    /// <summary>"2026-03-03T18:30": a datetime-local value, read in <see cref="TimeZone"/>.</summary>
    public string? StartsAt { get; init; }

    public string? EndsAt { get; init; }

    /// <summary>An IANA time zone id, "Europe/London".</summary>
    public string? TimeZone { get; init; }

    /// <summary><c>inPerson</c>, <c>online</c> or <c>hybrid</c>, as the API spells them.</summary>
    public string? Format { get; init; }

    public string? VenueName { get; init; }

    public string? VenueAddress { get; init; }

    // The links are named …Link, not …Url: they are text as typed, never put in an href, so the renderer's check
    // that every …Url is an absolute http(s) link does not apply (they are checked as the API checks them on saving).
    public string? OnlineLink { get; init; }

    /// <summary>A whole number; empty for unlimited.</summary>
    public string? Capacity { get; init; }

    public string? RegistrationClosesAt { get; init; }

    /// <summary>Comma-separated: "delivery, net zero".</summary>
    public string? Tags { get; init; }

    /// <summary>One speaker a line, "Name, role" (the role optional, and everything after the first comma).</summary>
    public string? Speakers { get; init; }

    public string? RecordingLink { get; init; }

    public string? SlidesLink { get; init; }

    public string? FeedbackLink { get; init; }

    /// <summary><c>public</c> or <c>inviteOnly</c>.</summary>
    public string? Visibility { get; init; }

    public string? ReservedSeats { get; init; }

    /// <summary>The zones the time zone list offers; the form's own zone is added when it is not among them.</summary>
    public IReadOnlyList<string> TimeZones { get; init; } = [];

    /// <summary>Keyed by the form's field names (<see cref="ConsoleEventFields"/>).</summary>
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    public bool HasErrors => Errors.Count > 0;

    /// <summary>The error summary: the first error of each field, in the order the fields appear.</summary>
    public IReadOnlyList<ErrorLink> Summary => FormErrors.Summary(Errors, ConsoleEventFields.Ordered);

    /// <summary>The form's fields in groups, each with its value, hint and error, in the order they appear.</summary>
    public IReadOnlyList<ConsoleFieldGroup> Groups =>
    [
        new("About the event",
        [
            Text(ConsoleEventFields.Title, "Title", Title, 200, required: true),
            Text(ConsoleEventFields.Summary, "Summary (optional)", SummaryText, 500, hint: "One or two sentences, shown on the home page and at the top of the event page."),
            new(ConsoleEventFields.Description, "Description (optional)", "textarea", Description, "Markdown: **bold**, _italic_, [links](https://example.org), lists and headings. HTML is shown as text. Use Preview to see it as the event page will.",
                Error(ConsoleEventFields.Description), MaxLength: 20_000, Rows: 12),
            Text(ConsoleEventFields.Slug, "Web address (optional)", Slug, 80, hint: "The last part of the event page's address, /events/…: a-z, 0-9 and hyphens. Left empty, it is made from the title."),
        ]),
        new("When",
        [
            new(ConsoleEventFields.TimeZone, "Time zone", "select", TimeZone, "The times below are in this zone.", Error(ConsoleEventFields.TimeZone),
                Options: [.. ZoneChoices.Select(zone => new ConsoleOption(zone, zone.Replace('_', ' '), zone == TimeZone))]),
            new(ConsoleEventFields.StartsAt, "Starts", "datetime-local", StartsAt, null, Error(ConsoleEventFields.StartsAt), Required: true),
            new(ConsoleEventFields.EndsAt, "Ends", "datetime-local", EndsAt, null, Error(ConsoleEventFields.EndsAt), Required: true),
            new(ConsoleEventFields.RegistrationClosesAt, "Registration closes (optional)", "datetime-local", RegistrationClosesAt, "Left empty, registration closes when the event starts.",
                Error(ConsoleEventFields.RegistrationClosesAt)),
        ]),
        new("Where",
        [
            new(ConsoleEventFields.Format, "Format", "select", Format, null, Error(ConsoleEventFields.Format),
                Options: [Option("inPerson", "In person", Format), Option("online", "Online", Format), Option("hybrid", "Hybrid: in person and online", Format)]),
            Text(ConsoleEventFields.VenueName, "Venue (for in person and hybrid events)", VenueName, 200),
            Text(ConsoleEventFields.VenueAddress, "Venue address (optional)", VenueAddress, 500),
            new(ConsoleEventFields.OnlineUrl, "Online joining link (for online and hybrid events)", "url", OnlineLink, "An https:// address. Only people with a place get it, by email.",
                Error(ConsoleEventFields.OnlineUrl), MaxLength: 2000),
        ]),
        new("Places",
        [
            new(ConsoleEventFields.Capacity, "Capacity (optional)", "number", Capacity, "How many people can come. Left empty, places are unlimited.", Error(ConsoleEventFields.Capacity)),
            new(ConsoleEventFields.Visibility, "Visibility", "select", Visibility, "An invite-only event is listed nowhere and takes registrations only through invitations.",
                Error(ConsoleEventFields.Visibility), Options: [Option("public", "Public", Visibility), Option("inviteOnly", "Invite only", Visibility)]),
            new(ConsoleEventFields.ReservedSeats, "Seats reserved for invitees (optional)", "number", ReservedSeats, "Held out of the capacity for people you invite.",
                Error(ConsoleEventFields.ReservedSeats)),
        ]),
        new("Speakers and topics",
        [
            new(ConsoleEventFields.Speakers, "Speakers (optional)", "textarea", Speakers, "One a line: the name, then a comma and their role, e.g. \"Ada Lovelace, Head of Delivery, Leeds City Council\".",
                Error(ConsoleEventFields.Speakers), Rows: 4),
            Text(ConsoleEventFields.Tags, "Topics (optional)", Tags, 1100, hint: "Separated by commas, e.g. \"delivery, net zero\". Subscribers who follow a topic hear of the event when it is announced."),
        ]),
        new("Follow-up links (optional)",
        [
            Url(ConsoleEventFields.RecordingUrl, "Recording", RecordingLink),
            Url(ConsoleEventFields.SlidesUrl, "Slides", SlidesLink),
            Url(ConsoleEventFields.FeedbackUrl, "Feedback form", FeedbackLink),
        ]),
    ];

    /// <summary>The list's zones, with the form's own zone (say one an API call chose) when the list lacks it.</summary>
    private IEnumerable<string> ZoneChoices =>
        TimeZone is { Length: > 0 } zone && !TimeZones.Contains(zone, StringComparer.Ordinal) ? [zone, .. TimeZones] : TimeZones;

    private string? Error(string field) => FormErrors.MessageFor(Errors, field);

    private ConsoleField Text(string name, string label, string? value, int maxLength, bool required = false, string? hint = null) =>
        new(name, label, "text", value, hint, Error(name), MaxLength: maxLength, Required: required);

    private ConsoleField Url(string name, string label, string? value) => new(name, label, "url", value, null, Error(name), MaxLength: 2000);

    private static ConsoleOption Option(string value, string label, string? chosen) => new(value, label, value == chosen);
}

/// <summary>A fieldset of the event form.</summary>
public sealed record ConsoleFieldGroup(string Legend, IReadOnlyList<ConsoleField> Fields);

/// <summary>One input of a console form.</summary>
/// <param name="Name">The field's name, also its input's id (so the error summary links to it).</param>
/// <param name="Kind">"text", "url", "number", "datetime-local", "textarea" or "select".</param>
public sealed record ConsoleField(
    string Name, string Label, string Kind, string? Value, string? Hint, string? Error,
    int? MaxLength = null, bool Required = false, int Rows = 4, IReadOnlyList<ConsoleOption>? Options = null)
{
    public bool IsTextarea => Kind == "textarea";

    public bool IsSelect => Kind == "select";

    /// <summary>The ids of the hint and the error, for aria-describedby; null when there are neither.</summary>
    public string? DescribedBy => (Hint, Error) switch
    {
        (null, null) => null,
        (not null, null) => $"{Name}-hint",
        (null, not null) => $"{Name}-error",
        _ => $"{Name}-hint {Name}-error",
    };
}

/// <param name="Label">What the list shows, "America/New York".</param>
public sealed record ConsoleOption(string Value, string Label, bool Selected);

/// <summary>The event form's field names, which are also the ids of its inputs, in the order they appear.</summary>
public static class ConsoleEventFields
{
    public const string Title = "title";
    public const string Summary = "summary";
    public const string Description = "description";
    public const string Slug = "slug";
    public const string TimeZone = "timeZone";
    public const string StartsAt = "startsAt";
    public const string EndsAt = "endsAt";
    public const string RegistrationClosesAt = "registrationClosesAt";
    public const string Format = "format";
    public const string VenueName = "venueName";
    public const string VenueAddress = "venueAddress";
    public const string OnlineUrl = "onlineUrl";
    public const string Capacity = "capacity";
    public const string Visibility = "visibility";
    public const string ReservedSeats = "reservedSeats";
    public const string Speakers = "speakers";
    public const string Tags = "tags";
    public const string RecordingUrl = "recordingUrl";
    public const string SlidesUrl = "slidesUrl";
    public const string FeedbackUrl = "feedbackUrl";

    /// <summary>The submit button's field: <c>preview</c> re-renders the form with the description rendered; anything else saves.</summary>
    public const string Action = "action";
    public const string PreviewAction = "preview";

    public static IReadOnlyList<string> All => Ordered;

    internal static readonly string[] Ordered =
    [
        Title, Summary, Description, Slug, TimeZone, StartsAt, EndsAt, RegistrationClosesAt, Format, VenueName, VenueAddress, OnlineUrl,
        Capacity, Visibility, ReservedSeats, Speakers, Tags, RecordingUrl, SlidesUrl, FeedbackUrl,
    ];
}

/// <summary>
/// <c>GET /console/events/new</c> and <c>GET /console/events/{id}/edit</c>: the event form. It posts to its own path;
/// "Preview" brings it back with <see cref="Preview"/> rendered as the event page renders a description, saving nothing.
/// </summary>
/// <param name="FormPath">Where the form posts: its own path.</param>
/// <param name="EventTitle">The event's saved title when editing; null when creating.</param>
/// <param name="BackPath">The event's hub when editing, else the dashboard.</param>
[Template("Console/EventForm")]
public sealed record ConsoleEventFormPage(ConsoleHeader Header, ConsoleEventForm Form, string FormPath, string? EventTitle, string BackPath) : IPageModel
{
    /// <summary>Set after "Preview": the description to show rendered (Markdown, raw HTML shown as text). Null otherwise.</summary>
    public string? Preview { get; init; }

    public bool IsPreview { get; init; }

    public bool IsEdit => EventTitle is not null;

    public bool HasPreview => Text.OrNull(Preview) is not null;

    public string Heading => IsEdit ? $"Edit {EventTitle}" : "Create an event";

    public string SaveLabel => IsEdit ? "Save changes" : "Save draft";

    public string Title => (Form.HasErrors ? "Error: " : IsPreview ? "Preview: " : "") + Heading;
}

/// <summary>
/// <c>GET /console/events/{id}</c>: one event for its organisers: its details, status and counts, where its public page
/// is, the way to each of its console pages, and (while it is a draft) publishing, and (until it is) cancelling.
/// </summary>
/// <param name="Id">The event's id; its console pages are under <c>/console/events/{id}</c>.</param>
/// <param name="Status">"Draft", "Published" or "Cancelled".</param>
/// <param name="EventWhen">"Tuesday 3 March 2026, 6:30pm to 8pm (London time, UTC)".</param>
/// <param name="PublicPath">"/events/net-zero-locally": the public page (only drafts have none yet).</param>
[Template("Console/EventHub")]
public sealed record ConsoleEventHubPage(
    ConsoleHeader Header, string Id, string EventTitle, string Status, string EventWhen, string PublicPath, int Confirmed, int Waitlisted, int Attended) : IPageModel
{
    public string? SummaryText { get; init; }

    /// <summary>"In person", "Online" or "Hybrid".</summary>
    public string Format { get; init; } = "";

    public string? VenueName { get; init; }

    public string? VenueAddress { get; init; }

    public string? OnlineUrl { get; init; }

    /// <summary>"Unlimited", or "50".</summary>
    public string Capacity { get; init; } = "Unlimited";

    /// <summary>"When the event starts", or a moment such as "Monday 2 March 2026, 12pm (London time, UTC)".</summary>
    public string RegistrationCloses { get; init; } = "When the event starts";

    public bool IsInviteOnly { get; init; }

    public int ReservedSeats { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<EventSpeaker> Speakers { get; init; } = [];

    public string? CancellationReason { get; init; }

    /// <summary>One line on what the last action did ("Event published"), shown once after it; null otherwise.</summary>
    public string? Notice { get; init; }

    public bool IsDraft => Status == "Draft";

    public bool IsCancelled => Status == "Cancelled";

    /// <summary>Drafts are not public: their page answers 404 until they are published.</summary>
    public bool HasPublicPage => !IsDraft;

    /// <summary>Invite-only events are never announced to subscribers: invitations go out instead.</summary>
    public bool CanAnnounce => IsDraft && !IsInviteOnly;

    public string Title => EventTitle;

    public string Path => $"/console/events/{Uri.EscapeDataString(Id)}";

    public string EditPath => Path + "/edit";

    public string PublishPath => Path + "/publish";

    public string CancelPath => Path + "/cancel";

    public string RegistrationsPath => Path + "/registrations";

    public string DoorPath => Path + "/door";

    public string MessagePath => Path + "/message";

    public string AuditPath => Path + "/audit";
}

/// <summary>The cancel confirmation's one field: the reason, which is sent to everyone registered.</summary>
public sealed record ConsoleCancelForm
{
    public const string ReasonField = "reason";

    public string? Reason { get; init; }

    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    public bool HasErrors => Errors.Count > 0;

    public IReadOnlyList<ErrorLink> Summary => FormErrors.Summary(Errors, [ReasonField]);

    public string? ReasonError => FormErrors.MessageFor(Errors, ReasonField);
}

/// <summary>
/// <c>GET /console/events/{id}/cancel</c>: the confirmation step before cancelling, which asks for the reason and says
/// who will be told.
/// </summary>
/// <param name="IsPublished">A published event's registrants are emailed; a draft has nobody to tell.</param>
[Template("Console/CancelEvent")]
public sealed record ConsoleCancelEventPage(
    ConsoleHeader Header, string Id, string EventTitle, string EventWhen, bool IsPublished, int Confirmed, int Waitlisted, ConsoleCancelForm Form) : IPageModel
{
    public string Title => (Form.HasErrors ? "Error: " : "") + $"Cancel {EventTitle}";

    public string HubPath => $"/console/events/{Uri.EscapeDataString(Id)}";

    public string FormPath => HubPath + "/cancel";
}
