namespace GoodThings.Templates.Pages;

// The console's audit log and newsletter pages. Their own file, so the console's other pages grow without touching it.

/// <summary>One field a PATCH changed, as the audit log shows it: old → new, or only that it changed.</summary>
/// <param name="From">The value before, or null when it had none; ignored when <paramref name="ValuesKept"/> is false.</param>
public sealed record ConsoleAuditChange(string Field, string? From, string? To, bool ValuesKept);

/// <summary>One entry of the audit log, in words.</summary>
/// <param name="When">"Tuesday 3 March 2026, 6:30pm (UTC)".</param>
/// <param name="At">The same instant in ISO 8601, for the <c>time</c> element.</param>
/// <param name="What">"Published the event (announced to subscribers)".</param>
/// <param name="SubjectText">What the change concerned: an event's or campaign's title; null for none (an erasure).</param>
/// <param name="SubjectPath">Its console page, when it has one.</param>
/// <param name="Facts">Short facts recorded with it ("3 copies"), never personal data.</param>
public sealed record ConsoleAuditRow(
    string When, string At, string Who, string What, string? SubjectText, string? SubjectPath, IReadOnlyList<ConsoleAuditChange> Changes, IReadOnlyList<string> Facts);

/// <summary>
/// <c>GET /console/audit</c> (every change, newest first) and <c>GET /console/events/{id}/audit</c> (one event's), a
/// page of 50 at a time, <see cref="OlderPath"/> leading to the next.
/// </summary>
/// <param name="EventTitle">The event's title on an event's log; null on the global one.</param>
/// <param name="EventPath">The event's console page, on an event's log.</param>
/// <param name="IsContinued">True on any page after the first, which then links back to the newest.</param>
/// <param name="FirstPath">This log's first page.</param>
[Template("Console/Audit")]
public sealed record ConsoleAuditPage(
    ConsoleHeader Header, IReadOnlyList<ConsoleAuditRow> Rows, string? OlderPath, bool IsContinued, string FirstPath, string? EventTitle = null, string? EventPath = null) : IPageModel
{
    public string Title => EventTitle is null ? "Audit log" : $"Audit log: {EventTitle}";
}

/// <summary>How many subscribers are in each status, for the whole list or one topic.</summary>
/// <param name="Topic">The topic; null for "chose no topic" (they hear of every topic).</param>
public sealed record ConsoleTopicCount(string? Topic, int Pending, int Confirmed, int Unsubscribed)
{
    public int Total => Pending + Confirmed + Unsubscribed;
}

/// <summary>A campaign in the newsletter page's list.</summary>
/// <param name="Status">"Draft", "Scheduled", "Sending", "Sent" or "Cancelled".</param>
/// <param name="SendAt">When it is (or was) to go, in words; null when not set.</param>
/// <param name="Recipients">How many it went to, once its audience is taken.</param>
public sealed record ConsoleCampaignRow(string Subject, string Path, string Status, string? SendAt, string Created, int? Recipients);

/// <summary>
/// <c>GET /console/newsletter</c>: subscriber counts by status and by topic, and the campaigns, newest first.
/// </summary>
[Template("Console/Newsletter")]
public sealed record ConsoleNewsletterPage(
    ConsoleHeader Header, ConsoleTopicCount All, IReadOnlyList<ConsoleTopicCount> ByTopic, IReadOnlyList<ConsoleCampaignRow> Campaigns) : IPageModel
{
    public string Title => "Newsletter";
}

/// <summary>An IANA time zone offered in a list, selected when it is the form's.</summary>
public sealed record ConsoleTimeZoneChoice(string Id, bool Selected);

/// <summary>
/// The campaign form's values and errors (new campaign, or a draft's edit). After an invalid POST: what was typed, and
/// one error per field, worded as the API words them.
/// </summary>
public sealed record CampaignForm
{
    public string? Subject { get; init; }

    public string? Preheader { get; init; }

    public string? Body { get; init; }

    /// <summary>The events' tags (plus any the campaign already has), ticked when chosen.</summary>
    public IReadOnlyList<TopicChoice> Topics { get; init; } = [];

    /// <summary>A <c>datetime-local</c> value, "2026-03-03T18:30", or null.</summary>
    public string? SendAt { get; init; }

    public IReadOnlyList<ConsoleTimeZoneChoice> TimeZones { get; init; } = [];

    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    public bool HasErrors => Errors.Count > 0;

    public bool HasTopics => Topics.Count > 0;

    /// <summary>The topics as checkboxes: the first has the id <c>topics</c>, so the error summary's link reaches it.</summary>
    public IReadOnlyList<TopicCheckbox> Checkboxes =>
        [.. Topics.Select((topic, i) => new TopicCheckbox(i == 0 ? CampaignFields.Topics : $"{CampaignFields.Topics}-{i + 1}", topic.Name, topic.Chosen))];

    public IReadOnlyList<ErrorLink> Summary => FormErrors.Summary(Errors, HasTopics ? CampaignFields.Ordered : [.. CampaignFields.Ordered.Where(f => f != CampaignFields.Topics)]);

    public string? SubjectError => FormErrors.MessageFor(Errors, CampaignFields.Subject);

    public string? PreheaderError => FormErrors.MessageFor(Errors, CampaignFields.Preheader);

    public string? BodyError => FormErrors.MessageFor(Errors, CampaignFields.Body);

    public string? TopicsError => FormErrors.MessageFor(Errors, CampaignFields.Topics);

    public string? SendAtError => FormErrors.MessageFor(Errors, CampaignFields.SendAt);

    public string? TimeZoneError => FormErrors.MessageFor(Errors, CampaignFields.TimeZone);
}

/// <summary>The console's campaign forms' field names, which are also the ids of their inputs.</summary>
public static class CampaignFields
{
    public const string Subject = "subject";
    public const string Preheader = "preheader";
    public const string Body = "body";
    public const string Topics = "topics";
    public const string SendAt = "sendAt";
    public const string TimeZone = "timeZone";

    /// <summary>The test-send form's addresses, one a line or separated by commas.</summary>
    public const string Emails = "emails";

    /// <summary>The schedule form's choice: <c>now</c> or <c>later</c> (at <see cref="SendAt"/> in <see cref="TimeZone"/>).</summary>
    public const string When = "when";

    internal static readonly string[] Ordered = [Subject, Preheader, Body, Topics, SendAt, TimeZone];
}

/// <summary><c>GET /console/newsletter/campaigns/new</c>, and a draft's <c>…/{id}/edit</c>.</summary>
/// <param name="FormPath">Where the form posts: its own path.</param>
/// <param name="CampaignPath">The campaign's page when editing (for "Back"); null for a new one.</param>
[Template("Console/CampaignForm")]
public sealed record ConsoleCampaignFormPage(ConsoleHeader Header, CampaignForm Form, string FormPath, string? CampaignPath = null) : IPageModel
{
    public bool IsEdit => CampaignPath is not null;

    public string Title => (Form.HasErrors ? "Error: " : "") + (IsEdit ? "Edit campaign" : "New campaign");
}

/// <summary>Where a campaign's sending stands.</summary>
public sealed record ConsoleCampaignCounts(int Recipients, int Sent, int Failed, int Delivered, int Opened, int Clicked, int Bounced, int Unsubscribed);

/// <summary>
/// <c>GET /console/newsletter/campaigns/{id}</c>: the campaign, its counts, a preview of the email as it goes out, and
/// forms to send a test, schedule (or send now), cancel, or edit a draft. A refused POST shows it again with
/// <see cref="Errors"/> (for the test and schedule forms' fields) or <see cref="Problem"/> (a conflict).
/// </summary>
/// <param name="Status">"Draft", "Scheduled", "Sending", "Sent" or "Cancelled".</param>
/// <param name="SendAt">When it is (or was) to go, in words.</param>
/// <param name="PreviewPath">The rendered email, framed on the page.</param>
[Template("Console/Campaign")]
public sealed record ConsoleCampaignPage(
    ConsoleHeader Header,
    string Path,
    string Subject,
    string? Preheader,
    IReadOnlyList<string> Topics,
    string Status,
    string? SendAt,
    string Created,
    ConsoleCampaignCounts Counts,
    string PreviewPath,
    bool CanEdit,
    bool CanSchedule,
    bool CanCancel,
    IReadOnlyList<ConsoleTimeZoneChoice> TimeZones) : IPageModel
{
    /// <summary>What the last POST did: "created", "saved", "test-sent", "scheduled", "sending" or "cancelled".</summary>
    public string? Notice { get; init; }

    /// <summary>A refusal that is no one field's: "The campaign has been sent; it cannot be sent again".</summary>
    public string? Problem { get; init; }

    public string? TestEmails { get; init; }

    public string? ScheduleWhen { get; init; }

    public string? ScheduleSendAt { get; init; }

    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    public bool HasErrors => Errors.Count > 0 || Problem is not null;

    public IReadOnlyList<ErrorLink> Summary =>
        [.. Problem is null ? [] : new[] { new ErrorLink(Problem, null) }, .. FormErrors.Summary(Errors, [CampaignFields.Emails, CampaignFields.SendAt, CampaignFields.TimeZone])];

    public string? EmailsError => FormErrors.MessageFor(Errors, CampaignFields.Emails);

    public string? SendAtError => FormErrors.MessageFor(Errors, CampaignFields.SendAt);

    public string? TimeZoneError => FormErrors.MessageFor(Errors, CampaignFields.TimeZone);

    /// <summary>The schedule form opens on "later" when it was chosen, or when the campaign is already scheduled.</summary>
    public bool SendLater => ScheduleWhen == "later";

    public string Title => (HasErrors ? "Error: " : "") + $"Campaign: {Subject}";
}
