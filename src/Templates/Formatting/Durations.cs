using System.Globalization;

namespace GoodThings.Templates.Formatting;

/// <summary>A span of time in words: "1 hour", "24 hours", "7 days", "30 minutes".</summary>
public static class Durations
{
    public static string Describe(TimeSpan span) => span switch
    {
        { TotalDays: >= 2 } when span.Ticks % TimeSpan.TicksPerDay == 0 => Count((int)span.TotalDays, "day"),
        { TotalHours: >= 1 } when span.Ticks % TimeSpan.TicksPerHour == 0 => Count((int)span.TotalHours, "hour"),
        _ => Count((int)Math.Round(span.TotalMinutes), "minute"),
    };

    private static string Count(int count, string unit) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? "" : "s")}");
}
