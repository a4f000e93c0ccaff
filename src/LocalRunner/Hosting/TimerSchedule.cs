using System.Globalization;
using NCrontab;

namespace GoodThings.LocalRunner.Hosting;

/// <summary>A timer trigger's schedule: an NCRONTAB expression (5 or 6 fields, UTC) or a constant TimeSpan interval, as the host accepts.</summary>
internal abstract class TimerSchedule
{
    public abstract DateTime GetNextOccurrence(DateTime afterUtc);

    /// <summary>True when occurrences are at least a minute apart: the host only monitors (persists) such schedules.</summary>
    public bool IsMonitorable(DateTime nowUtc)
    {
        var first = GetNextOccurrence(nowUtc);
        return GetNextOccurrence(first) - first >= TimeSpan.FromMinutes(1);
    }

    public static TimerSchedule Parse(string expression)
    {
        if (!expression.Contains(' ', StringComparison.Ordinal)
            && TimeSpan.TryParse(expression, CultureInfo.InvariantCulture, out var interval) && interval > TimeSpan.Zero)
        {
            return new Interval(interval);
        }

        var fields = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
        var cron = CrontabSchedule.TryParse(expression, new CrontabSchedule.ParseOptions { IncludingSeconds = fields == 6 })
                   ?? throw new FormatException($"'{expression}' is neither an NCRONTAB expression nor a TimeSpan.");
        return new Cron(cron);
    }

    private sealed class Cron(CrontabSchedule schedule) : TimerSchedule
    {
        public override DateTime GetNextOccurrence(DateTime afterUtc) => schedule.GetNextOccurrence(afterUtc);
    }

    private sealed class Interval(TimeSpan interval) : TimerSchedule
    {
        public override DateTime GetNextOccurrence(DateTime afterUtc) => afterUtc + interval;
    }
}
