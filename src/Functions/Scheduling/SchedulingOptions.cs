using System.Text.RegularExpressions;
using System.ComponentModel.DataAnnotations;

namespace GoodThings.Scheduling;

public sealed class RemindersOptions : IValidatableObject
{
    public const string Section = "Reminders";

    /// <summary>How long before an event's start each reminder goes, comma-separated (<c>hh:mm:ss</c> or <c>d.hh:mm:ss</c>).</summary>
    public string Offsets { get; set; } = "24:00:00,01:00:00";

    /// <summary>The offsets, longest first; one that does not parse reads as zero (and fails validation).</summary>
    public IReadOnlyList<TimeSpan> Parsed() =>
        [.. Offsets.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Duration.Parse).OrderDescending()];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var offsets = Parsed();
        // Five at most: a move re-plans them all in the event's one transaction.
        if (offsets.Count is 0 or > 5 || offsets.Any(o => o < TimeSpan.FromSeconds(1) || o.Ticks % TimeSpan.TicksPerSecond != 0) || offsets.Distinct().Count() != offsets.Count)
        {
            yield return new ValidationResult(
                "Setting Reminders:Offsets must list 1 to 5 different whole-second durations, comma-separated, for example \"24:00:00,01:00:00\".",
                [nameof(Offsets)]);
        }
    }
}

public sealed class FollowUpOptions
{
    public const string Section = "FollowUp";

    /// <summary>How long after an event ends its follow-up goes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00", ErrorMessage = "Setting FollowUp:Delay must be a duration from 00:00:00 to 30.00:00:00.")]
    public TimeSpan Delay { get; set; } = TimeSpan.FromHours(2);
}

public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>How long after an event ends its registrants' personal data is erased.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "3650.00:00:00", ErrorMessage = "Setting Retention:AnonymiseAfter must be a duration from 00:00:01 to 3650.00:00:00.")]
    public TimeSpan AnonymiseAfter { get; set; } = TimeSpan.FromDays(180);
}

public sealed class TimersOptions
{
    public const string Section = "Timers";

    /// <summary>
    /// The NCRONTAB schedule of the app's timer functions. Their triggers read the flat copy <see cref="TriggerSetting"/>
    /// (the host resolves it; this property only checks it at start). Every minute by default; a demo can run every second.
    /// </summary>
    [Required(ErrorMessage = "Setting Timers:Schedule (env Timers__Schedule) is required: an NCRONTAB schedule such as \"0 * * * * *\".")]
    [RegularExpression(@"^\S+( \S+){4,5}$", ErrorMessage = "Setting Timers:Schedule must be an NCRONTAB schedule of 5 or 6 fields, for example \"0 * * * * *\".")]
    public string Schedule { get; set; } = "0 * * * * *";

    /// <summary>The flat copy of <see cref="Schedule"/> that timer trigger expressions use (see <see cref="GoodThings.Configuration.TriggerSettingCopies"/>).</summary>
    public const string TriggerSetting = "TimersSchedule";
}

/// <summary>Durations as settings and the API write them: <c>hh:mm:ss</c> with any number of hours ("24:00:00"), or <c>d.hh:mm:ss</c>.</summary>
public static partial class Duration
{
    public static TimeSpan Parse(string text) =>
        HoursMinutesSeconds().Match(text) is { Success: true } match
            ? new TimeSpan(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[3].Value, CultureInfo.InvariantCulture))
            : TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) ? span : TimeSpan.Zero;

    public static string Format(TimeSpan span) =>
        string.Create(CultureInfo.InvariantCulture, $"{(long)span.TotalHours:00}:{span.Minutes:00}:{span.Seconds:00}");

    [GeneratedRegex(@"^(\d{1,5}):([0-5]\d):([0-5]\d)$")]
    private static partial Regex HoursMinutesSeconds();
}
