using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Calendar = Ical.Net.Calendar;

namespace GoodThings.Events;

/// <summary>
/// RFC 5545 calendar files: an attendee's invite (METHOD:REQUEST), its cancellation (METHOD:CANCEL), and the public
/// feed (METHOD:PUBLISH). An event keeps one UID for life (<c>{id}@goodthings</c>) and carries the event's SEQUENCE, so
/// clients update or remove the entry they already have.
/// </summary>
public sealed class CalendarFiles(IOptions<SiteOptions> site, IOptions<EmailOptions> email, TimeProvider time)
{
    public const string InviteContentType = "text/calendar; method=REQUEST; charset=utf-8";

    public const string CancellationContentType = "text/calendar; method=CANCEL; charset=utf-8";

    /// <summary>For <c>/events.ics</c> and <c>/events/{slug}.ics</c>.</summary>
    public const string FeedContentType = "text/calendar; charset=utf-8";

    private const string ProductId = "-//GoodThings//Events//EN";

    public CalendarFiles(IOptions<SiteOptions> site, IOptions<EmailOptions> email)
        : this(site, email, TimeProvider.System)
    {
    }

    /// <summary>The UID of an event's calendar entry: from its id alone, so it never changes.</summary>
    public static string Uid(EventRecord @event) => $"{@event.Id}@goodthings";

    /// <summary>
    /// One attendee's invite. <paramref name="joinUrl"/> (only for confirmed attendees) goes in LOCATION for online
    /// events and in DESCRIPTION; without it an online event's LOCATION is "Online".
    /// </summary>
    public EmailAttachment Invite(EventRecord @event, RegistrationRecord registration, string manageUrl, string? joinUrl)
    {
        var times = new CalendarTimes([@event], time.GetUtcNow());
        var entry = Entry(@event, times, Ical.Net.EventStatus.Confirmed);
        if (@event.Format == EventFormat.Online && !string.IsNullOrWhiteSpace(joinUrl))
        {
            entry.Location = CalendarText.Line(joinUrl);
        }

        entry.Description = Describe(@event, opening: null, ("Join online", joinUrl), ("Manage your registration", manageUrl));
        entry.Attendees.Add(Attendee(registration));
        return new EmailAttachment("invite.ics", InviteContentType, Encode(Write(CalendarMethods.Request, times, [entry])));
    }

    /// <summary>Withdraws the invite: same UID, STATUS:CANCELLED, SEQUENCE as the (cancelled) event has it.</summary>
    public EmailAttachment Cancellation(EventRecord @event, RegistrationRecord registration)
    {
        var times = new CalendarTimes([@event], time.GetUtcNow());
        var entry = Entry(@event, times, Ical.Net.EventStatus.Cancelled);
        var reason = CalendarText.Paragraphs(@event.CancellationReason).Trim();
        entry.Description = Describe(@event, reason.Length > 0 ? $"This event has been cancelled: {reason}" : "This event has been cancelled.");
        entry.Attendees.Add(Attendee(registration));
        return new EmailAttachment("cancel.ics", CancellationContentType, Encode(Write(CalendarMethods.Cancel, times, [entry])));
    }

    /// <summary>The public calendar: no attendees and never a join link. Cancelled events are marked CANCELLED.</summary>
    public string Feed(IEnumerable<EventRecord> events)
    {
        var list = events.ToList();
        var times = new CalendarTimes(list, time.GetUtcNow());
        var entries = list
            .Select(@event =>
            {
                var entry = Entry(@event, times, @event.Status == EventStatus.Cancelled ? Ical.Net.EventStatus.Cancelled : Ical.Net.EventStatus.Confirmed);
                entry.Description = Describe(@event);
                return entry;
            })
            .ToList();
        return Write(CalendarMethods.Publish, times, entries);
    }

    private static byte[] Encode(string calendar) => Encoding.UTF8.GetBytes(calendar);

    private static string Write(string method, CalendarTimes times, IReadOnlyList<CalendarEvent> entries)
    {
        var calendar = new Calendar { ProductId = ProductId, Version = "2.0", Method = method };
        foreach (var zone in times.TimeZones)
        {
            calendar.AddTimeZone(zone);
        }

        foreach (var entry in entries)
        {
            calendar.Events.Add(entry);
        }

        var serialized = new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("Ical.Net wrote no calendar.");
        return CalendarText.Layout(serialized);
    }

    private CalendarEvent Entry(EventRecord @event, CalendarTimes times, string status)
    {
        var (start, end) = times.For(@event);
        return new CalendarEvent
        {
            Uid = Uid(@event),
            Sequence = @event.Sequence,
            DtStamp = CalendarTimes.Utc(time.GetUtcNow()),
            DtStart = start,
            DtEnd = end,
            Summary = CalendarText.Line(@event.Title),
            Location = Location(@event),
            Url = new Uri(EventPage(@event)),
            Status = status,
            Organizer = Organizer(),
        };
    }

    private string EventPage(EventRecord @event) => site.Value.Link($"events/{Uri.EscapeDataString(@event.Slug)}");

    /// <summary>The venue's name and address on one line, or "Online".</summary>
    private static string Location(EventRecord @event)
    {
        var parts = @event.Format == EventFormat.Online || @event.Venue is null
            ? []
            : new[] { @event.Venue.Name }
                .Concat((@event.Venue.Address ?? "").ReplaceLineEndings("\n").Split('\n'))
                .Select(CalendarText.Line)
                .Where(part => part.Length > 0)
                .ToList();
        return parts.Count > 0 ? string.Join(", ", parts) : "Online";
    }

    /// <summary>DESCRIPTION: an optional opening line, the event's summary, its page, then labelled links.</summary>
    private string Describe(EventRecord @event, string? opening = null, params (string Label, string? Url)[] links)
    {
        var paragraphs = new List<string>();
        if (!string.IsNullOrWhiteSpace(opening))
        {
            paragraphs.Add(opening);
        }

        var summary = CalendarText.Paragraphs(@event.Summary).Trim();
        if (summary.Length > 0)
        {
            paragraphs.Add(summary);
        }

        paragraphs.Add($"Event page: {EventPage(@event)}");
        foreach (var (label, url) in links)
        {
            if (!string.IsNullOrWhiteSpace(url))
            {
                paragraphs.Add($"{label}: {CalendarText.Line(url)}");
            }
        }

        return string.Join("\n\n", paragraphs);
    }

    private Organizer Organizer()
    {
        var options = email.Value;
        var name = CalendarText.Parameter(options.FromName);
        return new Organizer { Value = CalendarText.MailTo(options.From), CommonName = name.Length > 0 ? name : null };
    }

    private static Attendee Attendee(RegistrationRecord registration)
    {
        var name = CalendarText.Parameter(registration.Name);
        return new Attendee(CalendarText.MailTo(registration.Email))
        {
            CommonName = name.Length > 0 ? name : null,
            ParticipationStatus = EventParticipationStatus.Accepted,
            Rsvp = false,
            Role = ParticipationRole.RequiredParticipant,
        };
    }
}
