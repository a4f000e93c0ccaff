using GoodThings.Templates.Formatting;

namespace GoodThings.OrganiserConsole;

/// <summary>
/// The audit log as organisers read it in the console: the entries <see cref="AuditLog"/> keeps (as
/// <c>GET /api/manage/audit</c> returns them), each said in a sentence, with the fields a PATCH changed and a link to
/// what it concerned. Paged as the API pages, with the same continuation.
/// </summary>
public sealed class ConsoleAuditLog(AuditLog audit, EventStore events, CampaignStore campaigns)
{
    /// <summary>Times are shown in UTC: the log spans events in any time zone, and its entries must compare at a glance.</summary>
    public const string DisplayZone = "Etc/UTC";

    /// <summary>Every change, newest first; null when <paramref name="after"/> is not a continuation this log handed out.</summary>
    public async Task<ConsoleAuditPage?> AllAsync(string? after, ConsoleHeader header, CancellationToken cancellationToken)
    {
        if (await audit.ListAsync(after, cancellationToken) is not Outcome<AuditPage>.Ok { Value: var page })
        {
            return null;
        }

        return new ConsoleAuditPage(header, await RowsAsync(page.Items, cancellationToken), Older(ConsoleRoutes.AuditPath, page.Next), after is not null, ConsoleRoutes.AuditPath);
    }

    /// <summary>One event's changes, newest first; null when there is no such event or <paramref name="after"/> is no continuation.</summary>
    public async Task<ConsoleAuditPage?> ForEventAsync(string eventId, string? after, ConsoleHeader header, CancellationToken cancellationToken)
    {
        if (await events.GetAsync(eventId, cancellationToken) is not { } loaded
            || await audit.ListForEventAsync(eventId, after, cancellationToken) is not Outcome<AuditPage>.Ok { Value: var page })
        {
            return null;
        }

        var path = ConsoleRoutes.EventAuditPath(eventId);
        return new ConsoleAuditPage(
            header, await RowsAsync(page.Items, cancellationToken), Older(path, page.Next), after is not null, path, loaded.Event.Title, ConsoleRoutes.EventPath(eventId));
    }

    private static string? Older(string path, string? next) => next is null ? null : $"{path}?after={Uri.EscapeDataString(next)}";

    private async Task<IReadOnlyList<ConsoleAuditRow>> RowsAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        // Titles for the subjects: one read of each list (a console page; the lists are short), not one per entry.
        var eventTitles = entries.Any(e => e.EventId is not null)
            ? (await events.ListAsync(cancellationToken)).ToDictionary(e => e.Id, e => e.Title, StringComparer.Ordinal)
            : [];
        var campaignSubjects = entries.Any(e => e.CampaignId is not null)
            ? (await campaigns.ListAsync(cancellationToken)).ToDictionary(c => c.Id, c => c.Content.Subject, StringComparer.Ordinal)
            : [];
        return [.. entries.Select(entry => Row(entry, eventTitles, campaignSubjects))];
    }

    private static ConsoleAuditRow Row(AuditEntry entry, IReadOnlyDictionary<string, string> eventTitles, IReadOnlyDictionary<string, string> campaignSubjects)
    {
        var (subject, path) = entry switch
        {
            { EventId: { } id } => (eventTitles.GetValueOrDefault(id, $"Event {id} (deleted)"), ConsoleRoutes.EventPath(id)),
            { CampaignId: { } id } => (campaignSubjects.GetValueOrDefault(id, $"Campaign {id} (deleted)"), ConsoleRoutes.CampaignPath(id)),
            _ => ((string?)null, (string?)null),
        };
        var details = entry.Details ?? new Dictionary<string, string>();
        return new ConsoleAuditRow(
            EventTimes.Moment(entry.At, DisplayZone),
            entry.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            entry.Actor.Name,
            Describe(entry.Action, details),
            subject,
            path,
            [.. (entry.Changes ?? []).Select(c => new ConsoleAuditChange(c.Field, c.From, c.To, c.ValuesKept))],
            Facts(entry.Action, details));
    }

    /// <summary>The change in a sentence, in the organiser's words rather than the log's action names.</summary>
    public static string Describe(string action, IReadOnlyDictionary<string, string> details) => action switch
    {
        AuditActions.EventCreated => "Created the event",
        AuditActions.EventUpdated => "Changed the event",
        AuditActions.EventPublished => details.GetValueOrDefault("announce") == "true"
            ? "Published the event (announced to subscribers)"
            : "Published the event",
        AuditActions.EventCancelled => "Cancelled the event",
        AuditActions.RegistrationCheckedIn => "Checked a person in",
        AuditActions.RegistrationCheckInUndone => "Undid a check-in",
        AuditActions.RegistrationCancelledByOrganiser => "Cancelled a registration",
        AuditActions.RegistrationPromotedByOrganiser => "Gave a waitlisted person a place",
        AuditActions.MessageSent => Count(details, "recipients") is { } n
            ? $"Messaged {Plural(n, "person", "people")}{(details.GetValueOrDefault("audience") is { Length: > 0 } audience ? $" ({Audience(audience)})" : "")}"
            : "Messaged attendees",
        AuditActions.InvitationsSent => Count(details, "invited") is { } invited ? $"Invited {Plural(invited, "person", "people")}" : "Sent invitations",
        AuditActions.InvitationReminded => Count(details, "reminded") is { } reminded ? $"Reminded {Plural(reminded, "invited person", "invited people")}" : "Reminded invited people",
        AuditActions.CampaignCreated => "Created the campaign",
        AuditActions.CampaignUpdated => "Changed the campaign",
        AuditActions.CampaignTestSent => Count(details, "copies") is { } copies ? $"Sent {Plural(copies, "test copy", "test copies")} of the campaign" : "Sent test copies of the campaign",
        AuditActions.CampaignScheduled => "Scheduled the campaign",
        AuditActions.CampaignSent => "Started sending the campaign",
        AuditActions.CampaignCancelled => "Cancelled the campaign",
        AuditActions.ErasureRequested => "Erased a person's data",
        _ => action,
    };

    /// <summary>A message's audience (<c>EventFanOut.InAudience</c>) in words.</summary>
    private static string Audience(string audience) => audience switch
    {
        "confirmed" => "confirmed",
        "waitlisted" => "waitlisted",
        "attended" => "who attended",
        "noShows" => "no-shows",
        "all" => "everyone registered",
        _ => audience,
    };

    /// <summary>Facts the sentence leaves out: when a scheduled campaign goes, what an erasure did.</summary>
    private static IReadOnlyList<string> Facts(string action, IReadOnlyDictionary<string, string> details) => action switch
    {
        AuditActions.CampaignScheduled or AuditActions.CampaignSent when details.GetValueOrDefault("sendAt") is { } sendAt
            && DateTimeOffset.TryParse(sendAt, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) =>
            [$"Send at {EventTimes.Moment(at, DisplayZone)}"],
        AuditActions.ErasureRequested =>
        [
            details.GetValueOrDefault("subscriptionDeleted") == "true" ? "Subscription deleted" : "No subscription",
            $"{Plural(Count(details, "registrationsCancelled") ?? 0, "registration")} cancelled",
            $"{Plural(Count(details, "registrationsAnonymised") ?? 0, "registration")} anonymised",
            $"{Plural(Count(details, "invitationsDeleted") ?? 0, "invitation")} deleted",
        ],
        AuditActions.InvitationsSent =>
        [
            .. Count(details, "alreadyInvited") is > 0 and var already ? [$"{already} already invited"] : Array.Empty<string>(),
            .. Count(details, "alreadyRegistered") is > 0 and var registered ? [$"{registered} already registered"] : Array.Empty<string>(),
            .. Count(details, "invalid") is > 0 and var invalid ? [$"{invalid} not valid"] : Array.Empty<string>(),
        ],
        _ => [],
    };

    private static int? Count(IReadOnlyDictionary<string, string> details, string key) =>
        details.GetValueOrDefault(key) is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static string Plural(int n, string one, string? many = null) =>
        n == 1 ? $"1 {one}" : string.Create(CultureInfo.InvariantCulture, $"{n} {many ?? one + "s"}");
}
