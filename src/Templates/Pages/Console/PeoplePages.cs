namespace GoodThings.Templates.Pages;

// The console's pages about an event's people: its registrations, the door's check-in list and messages to them.

/// <summary>One choice of a console filter or picker: its value, what it says, and whether it is the one chosen.</summary>
public sealed record ConsoleChoice(string Value, string Label, bool Chosen)
{
    /// <summary>The id of its radio button or option, from its value ("" is "all").</summary>
    public string Id => "choice-" + (Value.Length == 0 ? "all" : Value);
}

/// <summary>One registration in the console's list.</summary>
/// <param name="Status">"Confirmed", "Waitlisted" or "Cancelled".</param>
/// <param name="RegisteredAt">"Tuesday 3 March 2026, 6:42pm (London time, UTC)".</param>
/// <param name="CheckedInAt">When checked in, likewise; null when not.</param>
/// <param name="CancelPath">Its "Cancel registration" link, to the page that asks to confirm (with the list's search); null once cancelled or after the event started.</param>
/// <param name="PromotePath">Where its "Promote" button posts; only a waitlisted registration has one.</param>
public sealed record ConsoleRegistrationRow(
    string Name, string Email, string Status, int? WaitlistPosition, string RegisteredAt, string? CheckedInAt, string? CancelPath, string? PromotePath);

/// <summary>
/// <c>GET /console/events/{id}/registrations?q=&amp;status=</c>: an event's registrations, searched by name or email and
/// filtered by status through a plain GET form, with a CSV of the same rows and each row's cancel and promote buttons.
/// </summary>
/// <param name="Query">What the search box holds ("" for none).</param>
/// <param name="Total">How many registrations the event has, whatever the search.</param>
/// <param name="ListPath">This page's path without a query: the search form's action.</param>
/// <param name="CsvPath">The CSV of the rows shown: <c>/console/events/{id}/registrations.csv?q=&amp;status=</c>.</param>
/// <param name="Status">The chosen status filter's value ("" for all), posted back by the row buttons so the list comes back as it was.</param>
[Template("Console/Registrations")]
public sealed record ConsoleRegistrationsPage(
    ConsoleHeader Header,
    string EventTitle,
    string EventPath,
    string Query,
    string Status,
    IReadOnlyList<ConsoleChoice> Statuses,
    IReadOnlyList<ConsoleRegistrationRow> Rows,
    int Total,
    string ListPath,
    string CsvPath,
    string DoorPath,
    string MessagePath) : IPageModel
{
    public string Title => $"Registrations: {EventTitle}";

    public bool IsFiltered => Query.Length > 0 || Status.Length > 0;
}

/// <summary>
/// <c>GET /console/events/{id}/registrations/{registrationId}/cancel</c>: the step that asks to confirm a cancel, since
/// it emails the person and may give their place away. Its button posts to the same path; the other link goes back.
/// </summary>
/// <param name="Query">The list's search and filter, posted back so the list comes back as it was.</param>
/// <param name="BackPath">The list as it was.</param>
[Template("Console/CancelRegistration")]
public sealed record ConsoleCancelRegistrationPage(
    ConsoleHeader Header, string EventTitle, string Name, string Email, string Status, string FormPath, string Query, string StatusFilter, string BackPath) : IPageModel
{
    public string Title => $"Cancel the registration of {Name}?";
}

/// <summary>One confirmed person at the door.</summary>
/// <param name="CheckedInAt">"6:42pm", when checked in; null when not.</param>
/// <param name="FormPath">Where the row's one button posts: <c>/console/events/{id}/door/{registrationId}</c>.</param>
public sealed record ConsoleDoorRow(string Name, string Email, string? CheckedInAt, string FormPath);

/// <summary>
/// <c>GET /console/events/{id}/door?q=</c>: the check-in list on an organiser's phone. A plain GET form searches by name
/// or email; each confirmed person has one button, "Check in" or "Undo check-in"; the count says how many are in.
/// </summary>
/// <param name="CheckedIn">Confirmed people checked in so far, whatever the search.</param>
/// <param name="Confirmed">Confirmed people, whatever the search.</param>
[Template("Console/Door")]
public sealed record ConsoleDoorPage(
    ConsoleHeader Header, string EventTitle, string EventWhen, string EventPath, string Query, IReadOnlyList<ConsoleDoorRow> Rows, int CheckedIn, int Confirmed, string DoorPath) : IPageModel
{
    public string Title => $"Door: {EventTitle}";
}

/// <summary>The message form's values and errors; the field names are the management API's (<c>subject</c>, <c>body</c>, <c>audience</c>).</summary>
public sealed record ConsoleMessageForm
{
    public string Subject { get; init; } = "";

    public string Body { get; init; } = "";

    public string Audience { get; init; } = "all";

    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    public bool HasErrors => Errors.Count > 0;

    public IReadOnlyList<ErrorLink> Summary => FormErrors.Summary(Errors, Fields);

    public string? SubjectError => FormErrors.MessageFor(Errors, "subject");

    public string? BodyError => FormErrors.MessageFor(Errors, "body");

    public string? AudienceError => FormErrors.MessageFor(Errors, "audience");

    private static readonly string[] Fields = ["audience", "subject", "body"];
}

/// <summary>The message as its recipients will get it, and how many they are.</summary>
/// <param name="Subject">The email's subject line, as sent.</param>
/// <param name="Text">The email's plain-text part, as rendered from the same template as the email.</param>
/// <param name="Recipients">How many people the message will go to now.</param>
public sealed record ConsoleMessagePreview(string Subject, string Text, int Recipients, string AudienceLabel);

/// <summary>
/// <c>GET /console/events/{id}/message</c> and its "Preview" (<c>POST</c>): an audience, a subject and a Markdown body;
/// the preview shows the rendered email and how many people will receive it, above a "Send message" button that posts
/// the same fields to <c>/console/events/{id}/message/send</c>.
/// </summary>
/// <param name="Audiences">The audience picker, each with how many it reaches now.</param>
/// <param name="SentTo">After sending: how many people it went to.</param>
[Template("Console/Compose")]
public sealed record ConsoleComposePage(
    ConsoleHeader Header,
    string EventTitle,
    string EventPath,
    string FormPath,
    string SendPath,
    IReadOnlyList<ConsoleChoice> Audiences,
    ConsoleMessageForm Form,
    ConsoleMessagePreview? Preview = null,
    int? SentTo = null) : IPageModel
{
    public string Title => (Form.HasErrors ? "Error: " : "") + (Preview is not null ? "Preview your message" : "Message the people registered") + $": {EventTitle}";
}
