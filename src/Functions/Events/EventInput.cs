using System.Text.RegularExpressions;

namespace GoodThings.Events;

/// <summary>
/// The organiser's JSON for an event (create, and the document a merge patch applies to). Times are strings so
/// a time without an offset is refused, not guessed.
/// </summary>
public sealed record EventInput(
    string? Slug, string? Title, string? Summary, string? Description,
    string? StartsAt, string? EndsAt, string? TimeZone,
    string? Format, VenueInput? Venue, string? OnlineUrl,
    int? Capacity, string? RegistrationClosesAt,
    List<string>? Tags, List<SpeakerInput>? Speakers, FollowUpInput? FollowUp,
    string? Visibility = null, InvitationsInput? Invitations = null)
{
    public static EventInput From(EventRecord e) => new(
        e.Slug, e.Title, e.Summary, e.Description,
        Iso(e.StartsAt), Iso(e.EndsAt), e.TimeZone,
        EventJson.FormatName(e.Format), e.Venue is { } venue ? new VenueInput { Name = venue.Name, Address = venue.Address } : null, e.OnlineUrl,
        e.Capacity, e.RegistrationClosesAt is { } closes ? Iso(closes) : null,
        [.. e.Tags],
        [.. e.Speakers.Select(s => new SpeakerInput { Name = s.Name, Role = s.Role })],
        e.FollowUp is { } f ? new FollowUpInput { RecordingUrl = f.RecordingUrl, SlidesUrl = f.SlidesUrl, FeedbackUrl = f.FeedbackUrl } : null,
        EventJson.Camel(e.Visibility), new InvitationsInput { ReservedSeats = e.ReservedSeats });

    /// <summary>UTC to the tick, so a patch that does not touch a time gives it back exactly (not a "changed" time).</summary>
    private static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}

public sealed class VenueInput
{
    public string? Name { get; set; }

    public string? Address { get; set; }
}

public sealed class SpeakerInput
{
    public string? Name { get; set; }

    public string? Role { get; set; }
}

public sealed class InvitationsInput
{
    public int? ReservedSeats { get; set; }
}

public sealed class FollowUpInput
{
    public string? RecordingUrl { get; set; }

    public string? SlidesUrl { get; set; }

    public string? FeedbackUrl { get; set; }
}

/// <summary>The validated content of an <see cref="EventInput"/>: everything but identity, status and counts.</summary>
public sealed record EventContent(
    string? Slug,
    string Title,
    string? Summary,
    string? Description,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string TimeZone,
    EventFormat Format,
    Venue? Venue,
    string? OnlineUrl,
    int? Capacity,
    DateTimeOffset? RegistrationClosesAt,
    IReadOnlyList<string> Tags,
    IReadOnlyList<Speaker> Speakers,
    FollowUpLinks? FollowUp,
    EventVisibility Visibility = EventVisibility.Public,
    int ReservedSeats = 0)
{
    public EventRecord ApplyTo(EventRecord e) => e with
    {
        Title = Title,
        Summary = Summary,
        Description = Description,
        StartsAt = StartsAt,
        EndsAt = EndsAt,
        TimeZone = TimeZone,
        Format = Format,
        Venue = Venue,
        OnlineUrl = OnlineUrl,
        Capacity = Capacity,
        RegistrationClosesAt = RegistrationClosesAt,
        Tags = Tags,
        Speakers = Speakers,
        FollowUp = FollowUp,
        Visibility = Visibility,
        ReservedSeats = ReservedSeats,
    };
}

/// <summary>What makes an event valid: field limits, times in order, a real time zone, a venue or link to match its format.</summary>
public static partial class EventValidation
{
    public const int MaxCapacity = 100_000;

    public static EventContent? Validate(EventInput input, Validator v)
    {
        var slug = input.Slug is null ? null : v.Text("slug", input.Slug, 80);
        if (slug is not null && !SlugPattern().IsMatch(slug))
        {
            v.Add("slug", "must be 3-80 characters of a-z, 0-9 and '-', starting and ending with a letter or digit");
        }

        var title = v.Text("title", input.Title, 200, required: true);
        var summary = v.Text("summary", input.Summary, 500);
        var description = v.Text("description", input.Description, 20_000, multiLine: true, allowMarkup: true);
        var startsAt = v.Instant("startsAt", input.StartsAt, required: true);
        var endsAt = v.Instant("endsAt", input.EndsAt, required: true);
        if (startsAt is { } s && endsAt is { } e && e <= s)
        {
            v.Add("endsAt", "must be after startsAt");
        }

        var timeZone = v.TimeZone("timeZone", input.TimeZone);
        var format = input.Format switch
        {
            "inPerson" => EventFormat.InPerson,
            "online" => EventFormat.Online,
            "hybrid" => EventFormat.Hybrid,
            null => Missing(v, "format"),
            _ => Invalid<EventFormat>(v, "format", "must be inPerson, online or hybrid"),
        };

        Venue? venue = null;
        if (input.Venue is { } venueInput)
        {
            var name = v.Text("venue.name", venueInput.Name, 200, required: true);
            var address = v.Text("venue.address", venueInput.Address, 500);
            venue = name is null ? null : new Venue(name, address);
        }
        else if (format is EventFormat.InPerson or EventFormat.Hybrid)
        {
            v.Add("venue", "is required unless the event is online");
        }

        var onlineUrl = v.HttpsUrl("onlineUrl", input.OnlineUrl, required: format is EventFormat.Online or EventFormat.Hybrid);
        if (format == EventFormat.Online)
        {
            venue = null;
        }

        if (input.Capacity is < 1 or > MaxCapacity)
        {
            v.Add("capacity", $"must be a whole number from 1 to {MaxCapacity}, or null for unlimited");
        }

        var closesAt = v.Instant("registrationClosesAt", input.RegistrationClosesAt);
        if (closesAt is { } c && endsAt is { } end && c > end)
        {
            v.Add("registrationClosesAt", "must not be after endsAt");
        }

        var tags = v.Topics("tags", input.Tags);
        var speakers = Speakers(input.Speakers, v);
        if (!EventRows.FitsInOneProperty(speakers))
        {
            // Only characters stored escaped (emoji and others outside the basic plane) can get a valid list this far.
            v.Add("speakers", "are too long to store: use shorter names and roles, or fewer emoji");
        }
        var followUp = input.FollowUp is { } f
            ? new FollowUpLinks(v.HttpsUrl("followUp.recordingUrl", f.RecordingUrl), v.HttpsUrl("followUp.slidesUrl", f.SlidesUrl), v.HttpsUrl("followUp.feedbackUrl", f.FeedbackUrl))
            : null;

        var visibility = input.Visibility switch
        {
            null or "public" => EventVisibility.Public,
            "inviteOnly" => EventVisibility.InviteOnly,
            _ => Invalid<EventVisibility>(v, "visibility", "must be public or inviteOnly") ?? EventVisibility.Public,
        };
        var reservedSeats = input.Invitations?.ReservedSeats ?? 0;
        if (reservedSeats < 0 || reservedSeats > (input.Capacity ?? 0))
        {
            v.Add("invitations.reservedSeats", input.Capacity is null
                ? "needs a capacity: seats can only be reserved out of a limited number"
                : "must be a whole number from 0 to the capacity");
        }

        return v.IsValid
            ? new EventContent(
                slug, title!, summary, description, startsAt!.Value, endsAt!.Value, timeZone!, format!.Value, venue, onlineUrl, input.Capacity, closesAt, tags, speakers, followUp,
                visibility, reservedSeats)
            : null;
    }

    /// <summary>A slug from a title: "How to make good things happen!" → "how-to-make-good-things-happen".</summary>
    public static string Slugify(string title)
    {
        var ascii = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                ascii.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                ascii.Append('-');
            }
        }

        var slug = Dashes().Replace(ascii.ToString(), "-").Trim('-');
        slug = slug.Length > 70 ? slug[..70].TrimEnd('-') : slug;
        return slug.Length >= 3 ? slug : $"event-{slug}".TrimEnd('-');
    }

    private static List<Speaker> Speakers(List<SpeakerInput>? input, Validator v)
    {
        if (input is null)
        {
            return [];
        }

        if (input.Count > 50)
        {
            v.Add("speakers", "must hold at most 50 speakers");
        }

        var speakers = new List<Speaker>();
        for (var i = 0; i < input.Count; i++)
        {
            var name = v.Text($"speakers[{i}].name", input[i]?.Name, 200, required: true);
            var role = v.Text($"speakers[{i}].role", input[i]?.Role, 200);
            if (name is not null)
            {
                speakers.Add(new Speaker(name, role));
            }
        }

        return speakers;
    }

    private static EventFormat? Missing(Validator v, string field)
    {
        v.Add(field, "is required");
        return null;
    }

    private static T? Invalid<T>(Validator v, string field, string message)
        where T : struct
    {
        v.Add(field, message);
        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("-{2,}")]
    private static partial Regex Dashes();
}
