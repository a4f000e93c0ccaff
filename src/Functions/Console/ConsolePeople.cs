using GoodThings.Templates.Formatting;

namespace GoodThings.OrganiserConsole;

/// <summary>The console's paths for an event's people: its registrations, the door and messages (see docs/console.md).</summary>
public static class ConsolePeopleRoutes
{
    public const string Registrations = "console/events/{id}/registrations";
    public const string RegistrationsCsv = "console/events/{id}/registrations.csv";
    public const string Cancel = "console/events/{id}/registrations/{registrationId}/cancel";
    public const string Promote = "console/events/{id}/registrations/{registrationId}/promote";
    public const string Door = "console/events/{id}/door";
    public const string DoorCheckIn = "console/events/{id}/door/{registrationId}";
    public const string Message = "console/events/{id}/message";
    public const string MessageSend = "console/events/{id}/message/send";

    public static string RegistrationsPath(string id, string? q = null, string? status = null) =>
        ConsoleRoutes.EventPath(id) + "/registrations" + Query(("q", q), ("status", status));

    /// <summary>The CSV of the rows a list shows; always with both parameters, as the page's link spells them.</summary>
    public static string CsvPath(string id, string q, string status) =>
        $"{ConsoleRoutes.EventPath(id)}/registrations.csv?q={Uri.EscapeDataString(q)}&status={Uri.EscapeDataString(status)}";

    public static string RegistrationPath(string id, string registrationId, string action) =>
        $"{ConsoleRoutes.EventPath(id)}/registrations/{Uri.EscapeDataString(registrationId)}/{action}";

    /// <summary>The page that asks to confirm a cancel, carrying the list's search and filter to come back to.</summary>
    public static string CancelPath(string id, string registrationId, string? q, string? status) =>
        RegistrationPath(id, registrationId, "cancel") + Query(("q", q), ("status", status));

    public static string DoorPath(string id, string? q = null) => ConsoleRoutes.EventPath(id) + "/door" + Query(("q", q));

    public static string DoorCheckInPath(string id, string registrationId) => $"{ConsoleRoutes.EventPath(id)}/door/{Uri.EscapeDataString(registrationId)}";

    public static string MessagePath(string id) => ConsoleRoutes.EventPath(id) + "/message";

    public static string MessageSentPath(string id, int recipients) => MessagePath(id) + Query(("sent", recipients.ToString(CultureInfo.InvariantCulture)));

    public static string MessageSendPath(string id) => MessagePath(id) + "/send";

    /// <summary>"?q=ada&amp;status=waitlisted", leaving out empty values; every value escaped, so what a form posted cannot leave the path.</summary>
    private static string Query(params (string Name, string? Value)[] parameters) =>
        parameters.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}").ToList() is { Count: > 0 } present
            ? "?" + string.Join('&', present)
            : "";
}

/// <summary>An event's registrations as the console lists them: searched by name or email, filtered by status.</summary>
public sealed class ConsoleRegistrations(EventStore store, TimeProvider time)
{
    /// <summary>The status filter's values, "" for all, as the API spells statuses.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Statuses =
        [("", "All"), ("confirmed", "Confirmed"), ("waitlisted", "Waitlisted"), ("cancelled", "Cancelled")];

    public static bool IsStatus(string status) => Statuses.Any(s => s.Value == status);

    /// <summary>The event and its registrations that match, oldest first (as the CSV lists them); null when there is no such event.</summary>
    public async Task<(EventRecord Event, IReadOnlyList<RegistrationRow> Rows, int Total)?> FindAsync(string eventId, string q, string status, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(eventId, cancellationToken) is not { } loaded)
        {
            return null;
        }

        var all = await RegistrationExport.RowsAsync(store, eventId, cancellationToken);
        var query = q.Trim();
        var rows = all
            .Where(r => status.Length == 0 || r.Status == status)
            .Where(r => query.Length == 0 || r.Name.Contains(query, StringComparison.OrdinalIgnoreCase) || r.Email.Contains(query, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.RegisteredAt)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .ToList();
        return (loaded.Event, rows, all.Count);
    }

    public async Task<ConsoleRegistrationsPage?> PageAsync(string eventId, string q, string status, ConsoleHeader header, CancellationToken cancellationToken)
    {
        if (await FindAsync(eventId, q, status, cancellationToken) is not var (@event, rows, total))
        {
            return null;
        }

        // Cancelling is for before the start, as RegistrationService allows it; promoting until the end.
        var now = time.GetUtcNow();
        var canCancel = now < @event.StartsAt;
        var canPromote = @event.Status == EventStatus.Published && now < @event.EndsAt;
        return new ConsoleRegistrationsPage(
            header,
            @event.Title,
            ConsoleRoutes.EventPath(eventId),
            q,
            status,
            [.. Statuses.Select(s => new ConsoleChoice(s.Value, s.Label, s.Value == status))],
            [.. rows.Select(r => new ConsoleRegistrationRow(
                r.Name.Length == 0 ? "(erased)" : r.Name,
                r.Email,
                Statuses.First(s => s.Value == r.Status).Label,
                r.WaitlistPosition,
                EventTimes.Moment(r.RegisteredAt, @event.TimeZone),
                r.CheckedInAt is { } at ? EventTimes.Moment(at, @event.TimeZone) : null,
                canCancel && r.Status != "cancelled" ? ConsolePeopleRoutes.CancelPath(eventId, r.Id, q, status) : null,
                canPromote && r.Status == "waitlisted" ? ConsolePeopleRoutes.RegistrationPath(eventId, r.Id, "promote") : null))],
            total,
            ConsolePeopleRoutes.RegistrationsPath(eventId),
            ConsolePeopleRoutes.CsvPath(eventId, q, status),
            ConsolePeopleRoutes.DoorPath(eventId),
            ConsolePeopleRoutes.MessagePath(eventId));
    }
}

/// <summary>Why the console will not ask to cancel a registration.</summary>
public enum CancelRefusal
{
    None,
    NotFound,
    AlreadyCancelled,
    TooLate,
}

/// <summary>The step before an organiser's cancel: who it is, and what cancelling will do.</summary>
public sealed class ConsoleCancelStep(EventStore store, TimeProvider time)
{
    /// <param name="q">The list's search, to come back to.</param>
    /// <param name="status">The list's status filter, already checked to be one of them.</param>
    public async Task<(CancelRefusal Refusal, ConsoleCancelRegistrationPage? Page)> PageAsync(
        string eventId, string registrationId, string q, string status, ConsoleHeader header, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(eventId, cancellationToken) is not { } loaded
            || await store.GetRegistrationAsync(eventId, registrationId, cancellationToken) is not var (registration, _)
            || registration.AnonymisedAt is not null)
        {
            return (CancelRefusal.NotFound, null);
        }

        if (registration.Status == RegistrationStatus.Cancelled)
        {
            return (CancelRefusal.AlreadyCancelled, null);
        }

        // The same rule as RegistrationService's cancel: until the event starts.
        if (time.GetUtcNow() >= loaded.Event.StartsAt)
        {
            return (CancelRefusal.TooLate, null);
        }

        return (CancelRefusal.None, new ConsoleCancelRegistrationPage(
            header,
            loaded.Event.Title,
            registration.Name,
            registration.Email,
            registration.Status.ToString(),
            ConsolePeopleRoutes.RegistrationPath(eventId, registrationId, "cancel"),
            q,
            status,
            ConsolePeopleRoutes.RegistrationsPath(eventId, q, status)));
    }
}

/// <summary>The door's list: an event's confirmed people, searched by name or email, and how many are checked in.</summary>
public sealed class ConsoleDoor(EventStore store)
{
    public async Task<ConsoleDoorPage?> PageAsync(string eventId, string q, ConsoleHeader header, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(eventId, cancellationToken) is not { } loaded)
        {
            return null;
        }

        var @event = loaded.Event;
        var confirmed = (await store.ListRegistrationsAsync(eventId, cancellationToken))
            .Where(r => r.Status == RegistrationStatus.Confirmed && r.AnonymisedAt is null)
            .ToList();
        var query = q.Trim();
        var rows = confirmed
            .Where(r => query.Length == 0 || r.Name.Contains(query, StringComparison.OrdinalIgnoreCase) || r.Email.Contains(query, StringComparison.OrdinalIgnoreCase))
            .OrderBy(r => r.Name, StringComparer.InvariantCultureIgnoreCase)
            .ThenBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new ConsoleDoorRow(
                r.Name, r.Email, r.CheckedInAt is { } at ? EventTimes.Moment(at, @event.TimeZone) : null, ConsolePeopleRoutes.DoorCheckInPath(eventId, r.Id)));
        return new ConsoleDoorPage(
            header,
            @event.Title,
            EventTimes.Describe(@event.StartsAt, @event.EndsAt, @event.TimeZone),
            ConsoleRoutes.EventPath(eventId),
            q,
            [.. rows],
            confirmed.Count(r => r.CheckedInAt is not null),
            confirmed.Count,
            ConsolePeopleRoutes.DoorPath(eventId));
    }
}

/// <summary>
/// The console's message form: the audiences with how many each reaches, a preview rendered from the organiser-message
/// email's own templates, and sending through <see cref="OrganiserMessages.SendAsync"/>, as the management API does.
/// </summary>
public sealed class ConsoleMessages(EventStore store, OrganiserMessages messages, TemplateRenderer renderer, IOptions<SiteOptions> site)
{
    private static readonly Dictionary<string, string> AudienceLabels = new(StringComparer.Ordinal)
    {
        ["all"] = "Everyone registered (confirmed or waitlisted)",
        ["confirmed"] = "Confirmed",
        ["waitlisted"] = "Waitlisted",
        ["attended"] = "Attended (checked in)",
        ["noShows"] = "No-shows (confirmed, not checked in)",
    };

    private static readonly FormWording Wording = new(
        new Dictionary<string, string> { ["subject"] = "Subject", ["body"] = "Message", ["audience"] = "Audience" },
        new Dictionary<(string, string), string>
        {
            [("subject", "is required")] = "Enter a subject",
            [("body", "is required")] = "Enter the message",
            [("audience", $"must be one of {string.Join(", ", EventFanOut.Audiences)}")] = "Choose who to send the message to",
        });

    /// <summary>The form (empty, or as posted with its errors), or with a preview; null when there is no such event.</summary>
    public async Task<ConsoleComposePage?> PageAsync(
        string eventId, ConsoleHeader header, ConsoleMessageForm form, bool preview, int? sentTo, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(eventId, cancellationToken) is not { } loaded)
        {
            return null;
        }

        var registrations = await store.ListRegistrationsAsync(eventId, cancellationToken);
        // The same count OrganiserMessages.SendAsync answers with, so the preview's number is the one sending reports.
        int Reach(string audience) => registrations.Count(r => EventFanOut.InAudience(r, audience));
        ConsoleMessagePreview? shown = null;
        if (preview && !form.HasErrors)
        {
            var email = renderer.RenderEmail(new Emails.OrganiserMessage(
                RecipientName: null, EventPages.EmailDetails(loaded.Event, site.Value), form.Subject, form.Body, site.Value.Link("registrations/")));
            shown = new ConsoleMessagePreview(email.Subject, email.Text, Reach(form.Audience), AudienceLabels[form.Audience]);
        }

        return new ConsoleComposePage(
            header,
            loaded.Event.Title,
            ConsoleRoutes.EventPath(eventId),
            ConsolePeopleRoutes.MessagePath(eventId),
            ConsolePeopleRoutes.MessageSendPath(eventId),
            [.. EventFanOut.Audiences.Select(a => new ConsoleChoice(a, $"{AudienceLabels[a]}: {Reach(a)}", a == form.Audience))],
            form,
            shown,
            sentTo);
    }

    /// <summary>The posted fields checked by the management API's own rules (<see cref="MessageInput.Validate"/>), worded for people.</summary>
    public static (ConsoleMessageForm Form, MessageInput? Valid) Read(string? subject, string? body, string? audience)
    {
        var validator = new Validator();
        var valid = MessageInput.Validate(new MessageInput { Subject = subject, Body = body, Audience = audience }, validator);
        var form = new ConsoleMessageForm
        {
            Subject = subject ?? "",
            Body = body ?? "",
            Audience = audience is not null && AudienceLabels.ContainsKey(audience) ? audience : "all",
            Errors = HtmlForms.Errors(validator.Errors, Wording),
        };
        return (form, valid);
    }

    public Task<Outcome<int>> SendAsync(string eventId, MessageInput message, Actor actor, CancellationToken cancellationToken) =>
        messages.SendAsync(eventId, message.Subject!, message.Body!, message.Audience!, actor, cancellationToken);
}
