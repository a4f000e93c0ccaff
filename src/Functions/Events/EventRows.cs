using System.Text.Json.Serialization;

namespace GoodThings.Events;

/// <summary>
/// The layout of the Events table. Each event is one partition, so an event's counts and the registrations that
/// change them move together in one ETag-guarded table transaction:
/// <list type="bullet">
/// <item><c>event</c> — the event and its counts; every write to the partition updates it under its ETag</item>
/// <item><c>reg|{registrationId}</c> — a registration</item>
/// <item><c>email|{sha256(email)}</c> — the active registration of an address (uniqueness)</item>
/// <item><c>wait|{ticket}</c> — the waitlist in first-come order</item>
/// <item><c>outbox|{id}</c> — queue messages committed with the change that caused them (see <see cref="Email.OutboxRelay"/>)</item>
/// <item><c>msg|{messageId}</c> — an organiser's message to attendees or invitees</item>
/// <item><c>inv|{sha256(email)}</c> — an invitation (one per address)</item>
/// </list>
/// Only <see cref="EventStore"/> and <see cref="EventWrite"/> use it: nothing else reads or writes these rows.
/// </summary>
internal static class EventRows
{
    public const string TableName = "Events";
    public const string SlugTableName = "EventSlugs";

    // Relaxed escaping keeps text in any script as itself: the default escapes every non-ASCII character as \uXXXX,
    // six times its length, enough to push valid speakers past a property's limit. The JSON is only ever parsed back,
    // never put in a page, so the HTML-sensitive characters need no escaping either.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Table Storage holds at most 64 KiB in a string property: 32 768 UTF-16 code units.</summary>
    public const int MaxPropertyChars = 32 * 1024;

    /// <summary>Whether a list stored as JSON in one property (speakers, tags) fits it. Azurite does not enforce the limit; Azure does.</summary>
    public static bool FitsInOneProperty<T>(IReadOnlyList<T> values) => JsonSerializer.Serialize(values, Json).Length <= MaxPropertyChars;

    /// <summary>
    /// The due index: one small row per pending scheduled item, all in one partition, keyed so that what is due
    /// sorts first. A timer pass reads only the rows already due, so its cost follows the due work, not the data.
    /// </summary>
    public const string DueTableName = "EventsDue";
    private const string DuePartition = "due";

    public static string DueKey(DateTimeOffset dueAt) => dueAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);

    public static TableEntity DueRow(string eventId, ScheduledItem item) =>
        new(DuePartition, $"{DueKey(item.DueAt)}|{eventId}|{item.Name}|v{item.TimeVersion}") { ["EventId"] = eventId };

    /// <summary>Every pointer due at or before <paramref name="now"/>: row keys below the next tick's.</summary>
    public static string DueFilter(DateTimeOffset now) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {DuePartition} and RowKey lt {DueKey(now.AddTicks(1))}");

    public static DuePointer ToDuePointer(TableEntity row)
    {
        var parts = row.RowKey.Split('|');
        return new DuePointer(
            row.PartitionKey, row.RowKey, row.GetString("EventId"), parts[2],
            int.Parse(parts[3][1..], CultureInfo.InvariantCulture), new DateTimeOffset(long.Parse(parts[0], CultureInfo.InvariantCulture), TimeSpan.Zero));
    }

    public const string EventKey = "event";

    /// <summary>On the event row: which commit wrote it last (see <see cref="EventStore.CommitAsync"/>).</summary>
    public const string CommitIdProperty = "CommitId";

    public const string RegistrationPrefix = "reg|";

    public static string RegistrationKey(string registrationId) => RegistrationPrefix + registrationId;

    public const string EmailPrefix = "email|";

    public static string EmailKey(string email) => EmailPrefix + AddressKey.Of(email);

    public const string WaitPrefix = "wait|";

    public static string WaitKey(long ticket) => WaitPrefix + ticket.ToString("D12", CultureInfo.InvariantCulture);

    public const string InvitationPrefix = "inv|";

    public static string InvitationKey(string addressKey) => InvitationPrefix + addressKey;

    public const string OutboxPrefix = "outbox|";
    public const string MessagePrefix = "msg|";

    public static TableEntity ToEntity(EventRecord e, long nextTicket) => new(e.Id, EventKey)
    {
        ["Slug"] = e.Slug,
        ["Title"] = e.Title,
        ["Summary"] = e.Summary,
        ["Description"] = e.Description,
        ["StartsAt"] = e.StartsAt.ToUniversalTime(),
        ["EndsAt"] = e.EndsAt.ToUniversalTime(),
        ["TimeZone"] = e.TimeZone,
        ["Format"] = e.Format.ToString(),
        ["VenueName"] = e.Venue?.Name,
        ["VenueAddress"] = e.Venue?.Address,
        ["OnlineUrl"] = e.OnlineUrl,
        ["Capacity"] = e.Capacity,
        ["RegistrationClosesAt"] = e.RegistrationClosesAt?.ToUniversalTime(),
        ["Tags"] = JsonSerializer.Serialize(e.Tags, Json),
        ["Speakers"] = JsonSerializer.Serialize(e.Speakers, Json),
        ["FollowUp"] = e.FollowUp is null ? null : JsonSerializer.Serialize(e.FollowUp, Json),
        ["Status"] = e.Status.ToString(),
        ["Sequence"] = e.Sequence,
        ["CancellationReason"] = e.CancellationReason,
        ["TimeVersion"] = e.TimeVersion,
        ["Schedule"] = JsonSerializer.Serialize(e.Schedule, Json),
        ["Confirmed"] = e.Counts.Confirmed,
        ["Waitlisted"] = e.Counts.Waitlisted,
        ["Attended"] = e.Counts.Attended,
        ["ConfirmedInvitees"] = e.Counts.ConfirmedInvitees,
        ["Visibility"] = e.Visibility.ToString(),
        ["ReservedSeats"] = e.ReservedSeats,
        ["InvitationsRemindedAt"] = e.InvitationsRemindedAt?.ToUniversalTime(),
        ["InvitationReminders"] = e.InvitationReminders,
        ["NextTicket"] = nextTicket,
        ["CreatedAt"] = e.CreatedAt.ToUniversalTime(),
        ["UpdatedAt"] = e.UpdatedAt.ToUniversalTime(),
    };

    public static EventRecord ToEvent(TableEntity row) => new()
    {
        Id = row.PartitionKey,
        Slug = row.GetString("Slug"),
        Title = row.GetString("Title"),
        Summary = row.GetString("Summary"),
        Description = row.GetString("Description"),
        StartsAt = row.GetDateTimeOffset("StartsAt")!.Value,
        EndsAt = row.GetDateTimeOffset("EndsAt")!.Value,
        TimeZone = row.GetString("TimeZone"),
        Format = Enum.Parse<EventFormat>(row.GetString("Format")),
        Venue = row.GetString("VenueName") is { } venueName ? new Venue(venueName, row.GetString("VenueAddress")) : null,
        OnlineUrl = row.GetString("OnlineUrl"),
        Capacity = row.GetInt32("Capacity"),
        RegistrationClosesAt = row.GetDateTimeOffset("RegistrationClosesAt"),
        Tags = JsonSerializer.Deserialize<List<string>>(row.GetString("Tags") ?? "[]", Json) ?? [],
        Speakers = JsonSerializer.Deserialize<List<Speaker>>(row.GetString("Speakers") ?? "[]", Json) ?? [],
        FollowUp = row.GetString("FollowUp") is { } followUp ? JsonSerializer.Deserialize<FollowUpLinks>(followUp, Json) : null,
        Status = Enum.Parse<EventStatus>(row.GetString("Status")),
        Sequence = row.GetInt32("Sequence") ?? 0,
        CancellationReason = row.GetString("CancellationReason"),
        TimeVersion = row.GetInt32("TimeVersion") ?? 0,
        Schedule = row.GetString("Schedule") is { } schedule ? JsonSerializer.Deserialize<List<ScheduledItem>>(schedule, Json)! : [],
        Counts = new EventCounts(row.GetInt32("Confirmed") ?? 0, row.GetInt32("Waitlisted") ?? 0, row.GetInt32("Attended") ?? 0, row.GetInt32("ConfirmedInvitees") ?? 0),
        Visibility = row.GetString("Visibility") is { } visibility ? Enum.Parse<EventVisibility>(visibility) : EventVisibility.Public,
        ReservedSeats = row.GetInt32("ReservedSeats") ?? 0,
        InvitationsRemindedAt = row.GetDateTimeOffset("InvitationsRemindedAt"),
        InvitationReminders = row.GetInt32("InvitationReminders") ?? 0,
        CreatedAt = row.GetDateTimeOffset("CreatedAt") ?? default,
        UpdatedAt = row.GetDateTimeOffset("UpdatedAt") ?? default,
    };

    public static long NextTicket(TableEntity eventRow) => eventRow.GetInt64("NextTicket") ?? 1;

    public static TableEntity ToEntity(RegistrationRecord r) => new(r.EventId, RegistrationKey(r.Id))
    {
        ["Name"] = r.Name,
        ["Email"] = r.Email,
        ["Organisation"] = r.Organisation,
        ["AccessibilityNeeds"] = r.AccessibilityNeeds,
        ["Status"] = r.Status.ToString(),
        ["WaitlistTicket"] = r.WaitlistTicket,
        ["RegisteredAt"] = r.RegisteredAt.ToUniversalTime(),
        ["PromotedAt"] = r.PromotedAt?.ToUniversalTime(),
        ["CancelledAt"] = r.CancelledAt?.ToUniversalTime(),
        ["CheckedInAt"] = r.CheckedInAt?.ToUniversalTime(),
        ["ConfirmationsSent"] = r.ConfirmationsSent,
        ["LastConfirmationAt"] = r.LastConfirmationAt?.ToUniversalTime(),
        ["AnonymisedAt"] = r.AnonymisedAt?.ToUniversalTime(),
        ["Invited"] = r.Invited,
    };

    public static RegistrationRecord ToRegistration(TableEntity row) => new()
    {
        Id = row.RowKey[RegistrationPrefix.Length..],
        EventId = row.PartitionKey,
        Name = row.GetString("Name"),
        Email = row.GetString("Email"),
        Organisation = row.GetString("Organisation"),
        AccessibilityNeeds = row.GetString("AccessibilityNeeds"),
        Status = Enum.Parse<RegistrationStatus>(row.GetString("Status")),
        WaitlistTicket = row.GetInt64("WaitlistTicket"),
        RegisteredAt = row.GetDateTimeOffset("RegisteredAt") ?? default,
        PromotedAt = row.GetDateTimeOffset("PromotedAt"),
        CancelledAt = row.GetDateTimeOffset("CancelledAt"),
        CheckedInAt = row.GetDateTimeOffset("CheckedInAt"),
        ConfirmationsSent = row.GetInt32("ConfirmationsSent") ?? 0,
        LastConfirmationAt = row.GetDateTimeOffset("LastConfirmationAt"),
        AnonymisedAt = row.GetDateTimeOffset("AnonymisedAt"),
        Invited = row.GetBoolean("Invited") ?? false,
    };

    public static TableEntity ToEntity(InvitationRecord i) => new(i.EventId, InvitationKey(i.Key))
    {
        ["Name"] = i.Name,
        ["Email"] = i.Email,
        ["Status"] = i.Status.ToString(),
        ["InvitedAt"] = i.InvitedAt.ToUniversalTime(),
        ["RespondedAt"] = i.RespondedAt?.ToUniversalTime(),
        ["DeclineReason"] = i.DeclineReason,
        ["Batch"] = i.Batch,
        ["MessageId"] = i.MessageId,
    };

    public static InvitationRecord ToInvitation(TableEntity row) => new()
    {
        EventId = row.PartitionKey,
        Key = row.RowKey[InvitationPrefix.Length..],
        Name = row.GetString("Name"),
        Email = row.GetString("Email"),
        Status = Enum.Parse<InvitationStatus>(row.GetString("Status")),
        InvitedAt = row.GetDateTimeOffset("InvitedAt") ?? default,
        RespondedAt = row.GetDateTimeOffset("RespondedAt"),
        DeclineReason = row.GetString("DeclineReason"),
        Batch = row.GetString("Batch"),
        MessageId = row.GetString("MessageId"),
    };

    public static TableEntity EmailIndex(RegistrationRecord r) => new(r.EventId, EmailKey(r.Email)) { ["RegistrationId"] = r.Id };

    /// <summary>A place in line; whether it holds an invitee lets promotion skip to them when only reserved seats are free.</summary>
    public static TableEntity WaitIndex(string eventId, long ticket, string registrationId, bool invited) =>
        new(eventId, WaitKey(ticket)) { ["RegistrationId"] = registrationId, ["Invited"] = invited };

    public static TableEntity SlugRow(string slug, string eventId) => new(slug, "slug") { ["EventId"] = eventId };

    public static TableEntity ToEntity(OrganiserMessageRecord m, DateTimeOffset createdAt) => new(m.EventId, MessagePrefix + m.Id)
    {
        ["Subject"] = m.Subject,
        ["Body"] = m.Body,
        ["Audience"] = m.Audience,
        ["CreatedAt"] = createdAt,
    };

    public static OrganiserMessageRecord ToMessage(TableEntity row) =>
        new(row.RowKey[MessagePrefix.Length..], row.PartitionKey, row.GetString("Subject"), row.GetString("Body"), row.GetString("Audience"));

    public static TableEntity ToEntity(OutboxRow row) => new(row.PartitionKey, row.RowKey)
    {
        ["Queue"] = row.Queue,
        ["Body"] = row.Body,
        ["CreatedAt"] = row.CreatedAt,
    };

    public static OutboxRow ToOutboxRow(TableEntity row) =>
        new(row.PartitionKey, row.RowKey, row.GetString("Queue"), row.GetString("Body"), row.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue);
}
