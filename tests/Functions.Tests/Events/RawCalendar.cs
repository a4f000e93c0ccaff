using System.Globalization;

namespace GoodThings.Events;

/// <summary>
/// Reads a calendar file's raw text, independently of Ical.Net: content lines, properties, and what a client that
/// follows the file's VTIMEZONE (as Outlook does) makes of a DTSTART.
/// </summary>
internal sealed class RawCalendar
{
    private RawCalendar(string text)
    {
        Text = text;
        Lines = [.. text.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n").Where(line => line.Length > 0)];
    }

    public string Text { get; }

    /// <summary>Unfolded content lines.</summary>
    public IReadOnlyList<string> Lines { get; }

    public static RawCalendar From(byte[] content) => new(Encoding.UTF8.GetString(content));

    public static RawCalendar From(string text) => new(text);

    /// <summary>Unfolded lines of the property (name, then ';' or ':'), in order, outside VTIMEZONEs.</summary>
    public IReadOnlyList<string> Properties(string name) =>
        [.. OutsideTimeZones().Where(line => line.StartsWith(name + ":", StringComparison.Ordinal) || line.StartsWith(name + ";", StringComparison.Ordinal))];

    public string Value(string name) => Properties(name).Single()[(Properties(name).Single().IndexOf(':', StringComparison.Ordinal) + 1)..];

    public int Count(string line) => Lines.Count(l => l == line);

    /// <summary>
    /// The instant a DTSTART/DTEND line means: UTC as written, or its local time in the TZID resolved through the
    /// file's own VTIMEZONE (the first occurrence of a repeated local time, RFC 5545 §3.3.5).
    /// </summary>
    public DateTimeOffset Instant(string line)
    {
        var colon = line.LastIndexOf(':');
        var value = line[(colon + 1)..];
        if (value.EndsWith('Z'))
        {
            return new DateTimeOffset(ParseLocal(value[..^1]), TimeSpan.Zero);
        }

        var tzid = line[..colon].Split(';').Single(p => p.StartsWith("TZID=", StringComparison.Ordinal))["TZID=".Length..];
        var zone = TimeZone(tzid);
        var local = ParseLocal(value);
        var first = zone.Select(o => o.To)
            .Distinct()
            .Select(offset => local - offset)
            .Where(utc => OffsetAt(zone, utc) == local - utc)
            .Order()
            .First();
        return new DateTimeOffset(first, TimeSpan.Zero);
    }

    private IEnumerable<string> OutsideTimeZones()
    {
        var inside = false;
        foreach (var line in Lines)
        {
            inside = line == "BEGIN:VTIMEZONE" || (inside && line != "END:VTIMEZONE");
            if (!inside && line != "END:VTIMEZONE")
            {
                yield return line;
            }
        }
    }

    private List<Observance> TimeZone(string tzid)
    {
        var start = Lines.Select((line, index) => (line, index))
            .Single(x => x.line == $"TZID:{tzid}" && Lines[x.index - 1] == "BEGIN:VTIMEZONE").index;
        var observances = new List<Observance>();
        Dictionary<string, string>? current = null;
        for (var i = start + 1; Lines[i] != "END:VTIMEZONE"; i++)
        {
            var line = Lines[i];
            if (line is "BEGIN:STANDARD" or "BEGIN:DAYLIGHT")
            {
                current = [];
            }
            else if (line is "END:STANDARD" or "END:DAYLIGHT")
            {
                observances.Add(Observance.Parse(current!));
                current = null;
            }
            else if (current is not null)
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                current[line[..colon].Split(';')[0]] = line[(colon + 1)..];
            }
        }

        return observances;
    }

    private static TimeSpan? OffsetAt(IReadOnlyList<Observance> zone, DateTime utc) =>
        zone.SelectMany(o => o.Onsets(utc.Year + 1).Select(onset => (utc: onset - o.From, o.To)))
            .Where(x => x.utc <= utc)
            .OrderBy(x => x.utc)
            .Select(x => (TimeSpan?)x.To)
            .LastOrDefault();

    private static DateTime ParseLocal(string value) =>
        DateTime.ParseExact(value, "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None);

    private static TimeSpan ParseOffset(string value)
    {
        var sign = value[0] == '-' ? -1 : 1;
        var hours = int.Parse(value[1..3], CultureInfo.InvariantCulture);
        var minutes = int.Parse(value[3..5], CultureInfo.InvariantCulture);
        return sign * new TimeSpan(hours, minutes, 0);
    }

    private sealed record Observance(DateTime Start, TimeSpan From, TimeSpan To, int? Month, int? Nth, DayOfWeek? Day, IReadOnlyList<DateTime> Dates)
    {
        private static readonly string[] Days = ["SU", "MO", "TU", "WE", "TH", "FR", "SA"];

        public static Observance Parse(Dictionary<string, string> properties)
        {
            int? month = null;
            int? nth = null;
            DayOfWeek? day = null;
            if (properties.TryGetValue("RRULE", out var rule))
            {
                foreach (var part in rule.Split(';').Select(p => p.Split('=')))
                {
                    switch (part[0])
                    {
                        case "FREQ" when part[1] == "YEARLY":
                            break;
                        case "BYMONTH":
                            month = int.Parse(part[1], CultureInfo.InvariantCulture);
                            break;
                        case "BYDAY":
                            nth = int.Parse(part[1][..^2], CultureInfo.InvariantCulture);
                            day = (DayOfWeek)Array.IndexOf(Days, part[1][^2..]);
                            break;
                        default:
                            throw new NotSupportedException($"This reader does not evaluate RRULE part {string.Join('=', part)}.");
                    }
                }
            }

            var dates = properties.TryGetValue("RDATE", out var rdate) ? rdate.Split(',').Select(ParseLocal).ToList() : [];
            return new Observance(
                ParseLocal(properties["DTSTART"]), ParseOffset(properties["TZOFFSETFROM"]), ParseOffset(properties["TZOFFSETTO"]), month, nth, day, dates);
        }

        /// <summary>Local onset times (in the offset before each), up to the end of a year.</summary>
        public IEnumerable<DateTime> Onsets(int untilYear)
        {
            yield return Start;
            foreach (var date in Dates)
            {
                yield return date;
            }

            if (Month is not { } month || Nth is not { } nth || Day is not { } day)
            {
                yield break;
            }

            for (var year = Start.Year; year <= untilYear; year++)
            {
                var onset = NthWeekday(year, month, nth, day) + Start.TimeOfDay;
                if (onset > Start)
                {
                    yield return onset;
                }
            }
        }

        private static DateTime NthWeekday(int year, int month, int nth, DayOfWeek day)
        {
            if (nth > 0)
            {
                var first = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
                return first.AddDays((((int)day - (int)first.DayOfWeek + 7) % 7) + (7 * (nth - 1)));
            }

            var last = new DateTime(year, month, DateTime.DaysInMonth(year, month), 0, 0, 0, DateTimeKind.Unspecified);
            return last.AddDays(-((((int)last.DayOfWeek - (int)day + 7) % 7) + (7 * (-nth - 1))));
        }
    }
}
