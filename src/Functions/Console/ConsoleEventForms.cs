using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NodaTime;
using NodaTime.Text;

namespace GoodThings.OrganiserConsole;

/// <summary>
/// The console's event form and the management API's <see cref="EventInput"/>, each read into the other: the form's
/// fields become the same input the API binds from JSON, so <see cref="EventValidation"/> judges both alike and the
/// form shows the API's own messages.
/// </summary>
public static class ConsoleEventForms
{
    private static readonly LocalDateTimePattern Minutes = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm");
    private static readonly LocalDateTimePattern Seconds = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss");

    /// <summary>The form's values as typed, so a form sent back with errors loses nothing.</summary>
    public static ConsoleEventForm Values(IReadOnlyDictionary<string, StringValues> form) => new()
    {
        Title = Field(form, ConsoleEventFields.Title),
        Slug = Field(form, ConsoleEventFields.Slug),
        SummaryText = Field(form, ConsoleEventFields.Summary),
        // Browsers send a textarea's line breaks as CRLF; stored as LF, an untouched description saved again is no change.
        Description = Field(form, ConsoleEventFields.Description)?.ReplaceLineEndings("\n"),
        StartsAt = Field(form, ConsoleEventFields.StartsAt),
        EndsAt = Field(form, ConsoleEventFields.EndsAt),
        TimeZone = Field(form, ConsoleEventFields.TimeZone),
        Format = Field(form, ConsoleEventFields.Format),
        VenueName = Field(form, ConsoleEventFields.VenueName),
        VenueAddress = Field(form, ConsoleEventFields.VenueAddress),
        OnlineLink = Field(form, ConsoleEventFields.OnlineUrl),
        Capacity = Field(form, ConsoleEventFields.Capacity),
        RegistrationClosesAt = Field(form, ConsoleEventFields.RegistrationClosesAt),
        Tags = Field(form, ConsoleEventFields.Tags),
        Speakers = Field(form, ConsoleEventFields.Speakers)?.ReplaceLineEndings("\n"),
        RecordingLink = Field(form, ConsoleEventFields.RecordingUrl),
        SlidesLink = Field(form, ConsoleEventFields.SlidesUrl),
        FeedbackLink = Field(form, ConsoleEventFields.FeedbackUrl),
        Visibility = Field(form, ConsoleEventFields.Visibility),
        ReservedSeats = Field(form, ConsoleEventFields.ReservedSeats),
        TimeZones = ConsoleTimeZones.All,
    };

    /// <summary>
    /// The API's input for the form's values. What the API would get as JSON types (a number, a time with an offset)
    /// the form gets as text, so text that is no number or no time is an error here, in <paramref name="validator"/>,
    /// before the API's validation adds its own.
    /// </summary>
    public static EventInput ToInput(ConsoleEventForm values, Validator validator)
    {
        // A zone the validator will refuse still needs some zone to read the times in; its own error says what is wrong.
        var zone = values.TimeZone is { Length: > 0 } id ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(id.Trim()) ?? DateTimeZone.Utc : DateTimeZone.Utc;
        var capacity = WholeNumber(values.Capacity, "capacity", $"must be a whole number from 1 to {EventValidation.MaxCapacity}, or null for unlimited", validator);
        var reserved = WholeNumber(values.ReservedSeats, "invitations.reservedSeats", "must be a whole number from 0 to the capacity", validator);
        return new EventInput(
            Blank(values.Slug),
            Blank(values.Title),
            Blank(values.SummaryText),
            Blank(values.Description),
            Instant(values.StartsAt, zone, "startsAt", validator),
            Instant(values.EndsAt, zone, "endsAt", validator),
            Blank(values.TimeZone),
            Blank(values.Format),
            Blank(values.VenueName) is null && Blank(values.VenueAddress) is null ? null : new VenueInput { Name = Blank(values.VenueName), Address = Blank(values.VenueAddress) },
            Blank(values.OnlineLink),
            capacity,
            Instant(values.RegistrationClosesAt, zone, "registrationClosesAt", validator),
            [.. (values.Tags ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)],
            [.. (values.Speakers ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Speaker)],
            Blank(values.RecordingLink) is null && Blank(values.SlidesLink) is null && Blank(values.FeedbackLink) is null
                ? null
                : new FollowUpInput { RecordingUrl = Blank(values.RecordingLink), SlidesUrl = Blank(values.SlidesLink), FeedbackUrl = Blank(values.FeedbackLink) },
            Blank(values.Visibility),
            reserved is null ? null : new InvitationsInput { ReservedSeats = reserved });
    }

    /// <summary>
    /// A time left as the edit form showed it keeps its exact stored instant, which may hold fractions of a second that
    /// a datetime-local field cannot show: saving an untouched form is then no change of time (no "time changed" email).
    /// </summary>
    public static EventInput KeepUntouchedTimes(EventInput input, ConsoleEventForm values, EventRecord current)
    {
        if (Blank(values.TimeZone) != current.TimeZone)
        {
            return input;
        }

        var shown = Values(current);
        var saved = EventInput.From(current);
        return input with
        {
            StartsAt = Untouched(values.StartsAt, shown.StartsAt) ? saved.StartsAt : input.StartsAt,
            EndsAt = Untouched(values.EndsAt, shown.EndsAt) ? saved.EndsAt : input.EndsAt,
            RegistrationClosesAt = Untouched(values.RegistrationClosesAt, shown.RegistrationClosesAt) ? saved.RegistrationClosesAt : input.RegistrationClosesAt,
        };

        static bool Untouched(string? sent, string? shown) => shown is not null && Blank(sent) == shown;
    }

    /// <summary>
    /// The whole form as a JSON merge patch, nulls included, so that a field emptied in the form is removed from the
    /// event. An empty slug is left out: the event keeps its own.
    /// </summary>
    public static JsonObject ToPatch(EventInput input)
    {
        var patch = (JsonObject)JsonSerializer.SerializeToNode(input, JsonBinding.Options)!;
        if (input.Slug is null)
        {
            patch.Remove("slug");
        }

        return patch;
    }

    /// <summary>An event's values for its edit form: its times as the wall-clock times of its own zone.</summary>
    public static ConsoleEventForm Values(EventRecord e) => new()
    {
        Title = e.Title,
        Slug = e.Slug,
        SummaryText = e.Summary,
        Description = e.Description,
        StartsAt = Local(e.StartsAt, e.TimeZone),
        EndsAt = Local(e.EndsAt, e.TimeZone),
        TimeZone = e.TimeZone,
        Format = EventJson.FormatName(e.Format),
        VenueName = e.Venue?.Name,
        VenueAddress = e.Venue?.Address,
        OnlineLink = e.OnlineUrl,
        Capacity = e.Capacity?.ToString(CultureInfo.InvariantCulture),
        RegistrationClosesAt = e.RegistrationClosesAt is { } closes ? Local(closes, e.TimeZone) : null,
        Tags = string.Join(", ", e.Tags),
        Speakers = string.Join("\n", e.Speakers.Select(s => s.Role is null ? s.Name : $"{s.Name}, {s.Role}")),
        RecordingLink = e.FollowUp?.RecordingUrl,
        SlidesLink = e.FollowUp?.SlidesUrl,
        FeedbackLink = e.FollowUp?.FeedbackUrl,
        Visibility = EventJson.Camel(e.Visibility),
        ReservedSeats = e.ReservedSeats == 0 ? null : e.ReservedSeats.ToString(CultureInfo.InvariantCulture),
        TimeZones = ConsoleTimeZones.All,
    };

    /// <summary>
    /// The API's field errors on the form's fields: each message as the API words it, after the field's label
    /// ("Ends must be after startsAt"); a list item's errors go to the list's field ("Topic 3 must be at most 50 characters").
    /// </summary>
    public static FieldError[] Errors(IDictionary<string, string[]> errors) =>
        [.. errors.SelectMany(error => error.Value.Select(message =>
        {
            var (field, label) = FieldOf(error.Key);
            return new FieldError(field, $"{label} {message}");
        }))];

    private static (string Field, string Label) FieldOf(string key)
    {
        if (Regex.Match(key, @"^tags\[(\d+)\]$") is { Success: true } tag)
        {
            return (ConsoleEventFields.Tags, $"Topic {Ordinal(tag)}");
        }

        if (Regex.Match(key, @"^speakers\[(\d+)\]\.(name|role)$") is { Success: true } speaker)
        {
            return (ConsoleEventFields.Speakers, $"Speaker {Ordinal(speaker)}'s {speaker.Groups[2].Value}");
        }

        return key switch
        {
            "title" => (ConsoleEventFields.Title, "Title"),
            "summary" => (ConsoleEventFields.Summary, "Summary"),
            "description" => (ConsoleEventFields.Description, "Description"),
            "slug" => (ConsoleEventFields.Slug, "Web address"),
            "timeZone" => (ConsoleEventFields.TimeZone, "Time zone"),
            "startsAt" => (ConsoleEventFields.StartsAt, "Starts"),
            "endsAt" => (ConsoleEventFields.EndsAt, "Ends"),
            "registrationClosesAt" => (ConsoleEventFields.RegistrationClosesAt, "Registration closes"),
            "format" => (ConsoleEventFields.Format, "Format"),
            "venue" or "venue.name" => (ConsoleEventFields.VenueName, "Venue"),
            "venue.address" => (ConsoleEventFields.VenueAddress, "Venue address"),
            "onlineUrl" => (ConsoleEventFields.OnlineUrl, "Online joining link"),
            "capacity" => (ConsoleEventFields.Capacity, "Capacity"),
            "visibility" => (ConsoleEventFields.Visibility, "Visibility"),
            "invitations.reservedSeats" => (ConsoleEventFields.ReservedSeats, "Seats reserved for invitees"),
            "speakers" => (ConsoleEventFields.Speakers, "Speakers"),
            "tags" => (ConsoleEventFields.Tags, "Topics"),
            "followUp.recordingUrl" => (ConsoleEventFields.RecordingUrl, "Recording link"),
            "followUp.slidesUrl" => (ConsoleEventFields.SlidesUrl, "Slides link"),
            "followUp.feedbackUrl" => (ConsoleEventFields.FeedbackUrl, "Feedback link"),
            _ => (key, "This answer"),
        };
    }

    private static int Ordinal(Match match) => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) + 1;

    private static string? Field(IReadOnlyDictionary<string, StringValues> form, string name) =>
        form.TryGetValue(name, out var value) ? value.ToString() : null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static int? WholeNumber(string? value, string key, string message, Validator validator)
    {
        if (Blank(value) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        validator.Add(key, message);
        return null;
    }

    /// <summary>
    /// A datetime-local value read in <paramref name="zone"/>, as the ISO 8601 instant with its offset that the API
    /// takes. A wall-clock time the clocks skip (spring forward) is moved on by the gap, and one they repeat (fall
    /// back) is the earlier of the two: NodaTime's lenient resolver.
    /// </summary>
    private static string? Instant(string? local, DateTimeZone zone, string key, Validator validator)
    {
        if (Blank(local) is not { } text)
        {
            return null;
        }

        var parsed = Minutes.Parse(text);
        if (!parsed.Success)
        {
            parsed = Seconds.Parse(text);
        }

        if (!parsed.Success)
        {
            validator.Add(key, "must be a date and time, e.g. 2026-03-03T18:30");
            return null;
        }

        return zone.AtLeniently(parsed.Value).ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    /// <summary>An instant as a datetime-local value in the event's zone; seconds only when it has some, as the API allows.</summary>
    private static string Local(DateTimeOffset instant, string timeZone)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) ?? DateTimeZone.Utc;
        var local = NodaTime.Instant.FromDateTimeOffset(instant).InZone(zone).LocalDateTime;
        return local.Second == 0 ? Minutes.Format(local) : Seconds.Format(local);
    }

    private static SpeakerInput Speaker(string line) =>
        line.Split(',', 2, StringSplitOptions.TrimEntries) is [var name, var role]
            ? new SpeakerInput { Name = name, Role = role.Length == 0 ? null : role }
            : new SpeakerInput { Name = line };
}
