namespace GoodThings.Audit;

/// <summary>Who made a change: the management API's key, or (from the console) a signed-in organiser.</summary>
/// <param name="Id">A stable id: <c>management-key</c>, or the organiser's id from their sign-in.</param>
/// <param name="Name">What the log shows.</param>
public sealed record Actor(string Id, string Name)
{
    /// <summary>A call to the management API with the function key: the key names no person.</summary>
    public static readonly Actor ManagementKey = new("management-key", "management key");

    /// <summary>The local runner's sample data, written at start on empty storage.</summary>
    public static readonly Actor SampleData = new("sample-data", "sample data");
}

/// <summary>One field a PATCH changed. Long texts (and the speakers, who are people) keep no values: only that they changed.</summary>
/// <param name="From">The value before, as text (JSON for numbers, lists and objects); null when it had none or is not kept.</param>
/// <param name="To">The value after, likewise.</param>
/// <param name="ValuesKept">False for a long text, whose values the log does not copy.</param>
public sealed record FieldChange(string Field, string? From, string? To, bool ValuesKept = true);

/// <summary>
/// One change an organiser made. It names what it concerns by id only (event, campaign, registration): never a
/// person's name or address, so an erasure has nothing to find here.
/// </summary>
/// <param name="Details">Short facts about the change (counts, the audience, a status), never personal data.</param>
public sealed record AuditEntry(
    string Id,
    DateTimeOffset At,
    Actor Actor,
    string Action,
    string? EventId = null,
    string? CampaignId = null,
    string? RegistrationId = null,
    IReadOnlyList<FieldChange>? Changes = null,
    IReadOnlyDictionary<string, string>? Details = null);

/// <summary>A page of entries, newest first, and where the next one starts (null on the last page).</summary>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? Next);

/// <summary>The action names the log records: one for each management change.</summary>
public static class AuditActions
{
    public const string EventCreated = "event.created";
    public const string EventUpdated = "event.updated";
    public const string EventPublished = "event.published";
    public const string EventCancelled = "event.cancelled";
    public const string RegistrationCheckedIn = "registration.checked-in";
    public const string RegistrationCheckInUndone = "registration.check-in-undone";

    /// <summary>For the console's manual cancel; the management API has no such route yet.</summary>
    public const string RegistrationCancelledByOrganiser = "registration.cancelled-by-organiser";

    /// <summary>A manual promotion off the waitlist, from the console or the management API's promote route.</summary>
    public const string RegistrationPromotedByOrganiser = "registration.promoted-by-organiser";

    public const string MessageSent = "message.sent";
    public const string InvitationsSent = "invitations.sent";
    public const string InvitationReminded = "invitation.reminded";
    public const string CampaignCreated = "campaign.created";
    public const string CampaignUpdated = "campaign.updated";
    public const string CampaignTestSent = "campaign.test-sent";
    public const string CampaignScheduled = "campaign.scheduled";
    public const string CampaignSent = "campaign.sent";
    public const string CampaignCancelled = "campaign.cancelled";
    public const string ErasureRequested = "erasure.requested";
}
