using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using NodaTime;

namespace GoodThings.Events;

/// <summary>
/// Writes events' times in their IANA zone (<c>DTSTART;TZID=Europe/London:…</c> plus a VTIMEZONE) wherever that is
/// exact, and in UTC (<c>…Z</c>) wherever it is not.
/// </summary>
/// <remarks>
/// Ical.Net builds a VTIMEZONE from the zone's recent transitions as one yearly rule per observance. That is right
/// for most zones (Europe/London, America/New_York, Australia/Sydney, Asia/Kolkata) and wrong for some
/// (Europe/Dublin's "negative" summer time, Africa/Casablanca, America/Santiago); and a local time that happens twice
/// when clocks go back means its first occurrence (RFC 5545 §3.3.5), so the second cannot be written in local time.
/// Google and Apple read the TZID as an IANA name, Outlook reads the VTIMEZONE; both must agree with the event. So
/// each time is checked against the VTIMEZONE (evaluated by Ical.Net's recurrence engine, independently of how the
/// VTIMEZONE was made) and against the zone, and falls back to UTC, which every client reads the same way.
/// </remarks>
internal sealed class CalendarTimes
{
    private readonly Dictionary<string, Zone?> _zones = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _earliest = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _now;

    public CalendarTimes(IEnumerable<EventRecord> events, DateTimeOffset now)
    {
        _now = now;
        foreach (var @event in events)
        {
            _earliest[@event.TimeZone] = _earliest.TryGetValue(@event.TimeZone, out var earliest) && earliest < @event.StartsAt
                ? earliest
                : @event.StartsAt;
        }
    }

    /// <summary>The VTIMEZONEs that times returned so far refer to, one per zone, in order of first use.</summary>
    public IEnumerable<VTimeZone> TimeZones => _zones.Values.Where(zone => zone is { Used: true }).Select(zone => zone!.Definition);

    public (CalDateTime Start, CalDateTime End) For(EventRecord @event)
    {
        var start = WholeSeconds(@event.StartsAt);
        var end = WholeSeconds(@event.EndsAt);
        if (ZoneOf(@event) is { } zone && zone.Describes(start) && zone.Describes(end))
        {
            zone.Used = true;
            return (zone.Local(start), zone.Local(end));
        }

        return (Utc(start), Utc(end));
    }

    public static CalDateTime Utc(DateTimeOffset instant) => new(WholeSeconds(instant).UtcDateTime, CalDateTime.UtcTzId);

    private static DateTimeOffset WholeSeconds(DateTimeOffset instant) => instant.AddTicks(-(instant.Ticks % TimeSpan.TicksPerSecond));

    private Zone? ZoneOf(EventRecord @event)
    {
        if (!_zones.TryGetValue(@event.TimeZone, out var zone))
        {
            var earliest = _earliest.TryGetValue(@event.TimeZone, out var first) && first < _now ? first : _now;
            zone = Zone.Create(@event.TimeZone, earliest);
            _zones[@event.TimeZone] = zone;
        }

        return zone;
    }

    private sealed class Zone(DateTimeZone zone, VTimeZone definition)
    {
        public VTimeZone Definition { get; } = definition;

        public bool Used { get; set; }

        /// <summary>Null for unknown zones and zones that are UTC by another name.</summary>
        public static Zone? Create(string timeZone, DateTimeOffset earliest)
        {
            if (DateTimeZoneProviders.Tzdb.GetZoneOrNull(timeZone) is not { } zone || (zone.MinOffset == Offset.Zero && zone.MaxOffset == Offset.Zero))
            {
                return null;
            }

            try
            {
                // Ical.Net starts the observances a year before the given date and ends them now (by its own clock).
                return new Zone(zone, VTimeZone.FromDateTimeZone(zone.Id, earliest.UtcDateTime, includeHistoricalData: false));
            }
            catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
            {
                // Ical.Net could not describe the zone; its events are written in UTC.
                return null;
            }
        }

        public CalDateTime Local(DateTimeOffset instant) =>
            new(Instant.FromDateTimeOffset(instant).InZone(zone).LocalDateTime.ToDateTimeUnspecified(), zone.Id);

        public bool Describes(DateTimeOffset instant)
        {
            var target = Instant.FromDateTimeOffset(instant);
            var local = target.InZone(zone).LocalDateTime;
            if (zone.MapLocal(local).First().ToInstant() != target)
            {
                return false; // the second of a repeated local time
            }

            return OffsetInDefinition(instant.UtcDateTime) == zone.GetUtcOffset(target).ToTimeSpan();
        }

        /// <summary>The offset the VTIMEZONE gives at a UTC time: the TZOFFSETTO of the observance with the latest onset.</summary>
        private TimeSpan? OffsetInDefinition(DateTime utc)
        {
            DateTime? latestOnset = null;
            TimeSpan? offset = null;
            foreach (var observance in Definition.TimeZoneInfos)
            {
                if (observance.OffsetFrom is not { } from || observance.OffsetTo is not { } to)
                {
                    return null;
                }

                foreach (var occurrence in observance.GetOccurrences())
                {
                    // An onset is a local time in the offset that was in force before it.
                    var onset = occurrence.Period.StartTime.Value - from.Offset;
                    if (onset > utc)
                    {
                        break;
                    }

                    if (latestOnset is null || onset > latestOnset)
                    {
                        latestOnset = onset;
                        offset = to.Offset;
                    }
                }
            }

            return offset;
        }
    }
}
