using System.Globalization;

namespace GoodThings.Templates.Formatting;

/// <summary>
/// Says when an event happens, in the event's own time zone, the way GOV.UK style writes times:
/// "Tuesday 3 March 2026, 6:30pm to 8pm (London time, UTC)".
/// </summary>
public static class EventTimes
{
    private const string DateFormat = "dddd d MMMM yyyy";

    /// <param name="timeZone">An IANA zone such as <c>Europe/London</c>.</param>
    public static string Describe(DateTimeOffset startsAt, DateTimeOffset endsAt, string timeZone)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZone);
        var start = TimeZoneInfo.ConvertTime(startsAt, zone);
        var end = TimeZoneInfo.ConvertTime(endsAt, zone);

        var when = start.Date == end.Date
            ? $"{Date(start)}, {Time(start)} to {Time(end)}"
            : $"{Date(start)}, {Time(start)} to {Date(end)}, {Time(end)}";
        return $"{when} ({ZoneLabel(timeZone, start.Offset)})";
    }

    /// <summary>"Tuesday 3 March 2026" in the event's time zone.</summary>
    public static string Day(DateTimeOffset startsAt, string timeZone) =>
        Date(TimeZoneInfo.ConvertTime(startsAt, TimeZoneInfo.FindSystemTimeZoneById(timeZone)));

    /// <summary>"Tuesday 3 March 2026, 6:30pm (London time, UTC)": one moment in the event's time zone.</summary>
    public static string Moment(DateTimeOffset instant, string timeZone)
    {
        var local = TimeZoneInfo.ConvertTime(instant, TimeZoneInfo.FindSystemTimeZoneById(timeZone));
        return $"{Date(local)}, {Time(local)} ({ZoneLabel(timeZone, local.Offset)})";
    }

    private static string Date(DateTimeOffset time) => time.ToString(DateFormat, CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset time) => (time.Hour, time.Minute) switch
    {
        (0, 0) => "midnight",
        (12, 0) => "midday",
        var (hour, minute) => string.Create(CultureInfo.InvariantCulture,
            $"{(hour % 12 == 0 ? 12 : hour % 12)}{(minute == 0 ? "" : $":{minute:00}")}{(hour < 12 ? "am" : "pm")}"),
    };

    private static string ZoneLabel(string timeZone, TimeSpan offset)
    {
        var utc = offset == TimeSpan.Zero
            ? "UTC"
            : string.Create(CultureInfo.InvariantCulture, $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset.Duration():%h}{(offset.Minutes == 0 ? "" : $":{offset.Duration():mm}")}");
        var city = timeZone.Contains('/', StringComparison.Ordinal) && !timeZone.StartsWith("Etc/", StringComparison.Ordinal)
            ? timeZone[(timeZone.LastIndexOf('/') + 1)..].Replace('_', ' ')
            : null;
        return city is null ? utc : $"{city} time, {utc}";
    }
}
