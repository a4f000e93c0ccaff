
namespace GoodThings.LocalRunner.Tests;

public sealed class TimerTriggerTests(EverySecondTimerFixture fixture) : IClassFixture<EverySecondTimerFixture>
{
    [Fact]
    public async Task TimerFiresOnTheScheduleItsSettingNames()
    {
        var ticks = await Eventually.PollAsync(
            () => fixture.Log.Of<TimerInfo>("Tick"), t => t.Count >= 2, TimeSpan.FromSeconds(15), "two ticks of a '*/1 * * * * *' schedule");

        Assert.All(ticks, t => Assert.NotNull(t.ScheduleStatus));
        Assert.All(ticks, t => Assert.True(t.ScheduleStatus!.Next > t.ScheduleStatus.LastUpdated));
    }

    [Fact]
    public async Task RunsOfOneTimerNeverOverlap()
    {
        // Each run takes 1.5 s on an every-second schedule.
        await Eventually.PollAsync(() => fixture.Log.Of<TimerInfo>("Tick"), t => t.Count >= 3, TimeSpan.FromSeconds(20), "three ticks");

        Assert.Equal(1, fixture.Log.MaxConcurrent);
    }
}

public sealed class LongTimerScheduleTests(YearlyTimerOnAFakeClockFixture fixture) : IClassFixture<YearlyTimerOnAFakeClockFixture>
{
    [Fact]
    public async Task AYearlyTimerWaitsMonthsAndFiresWhenItsDayComes()
    {
        var start = fixture.Clock.GetUtcNow();

        // A day at a time, as a clock does, giving the timer's loop a moment to take each step.
        for (var day = 0; day < 800 && fixture.Log.Of<TimerInfo>("Tick").Count == 0; day++)
        {
            fixture.Clock.Advance(TimeSpan.FromDays(1));
            await Task.Delay(TimeSpan.FromMilliseconds(5));
        }

        var tick = Assert.Single(await Eventually.PollAsync(() => fixture.Log.Of<TimerInfo>("Tick"), t => t.Count >= 1, because: "the new year's tick"));
        Assert.True(fixture.Clock.GetUtcNow() - start > TimeSpan.FromDays(49), "the tick came after more than the longest single delay");
        Assert.Equal((1, 1), (tick.ScheduleStatus!.Next.Month, tick.ScheduleStatus.Next.Day));
    }
}

public sealed class TimerScheduleTests
{
    [Theory]
    [InlineData("0 */5 * * * *", "2026-01-01T10:02:30Z", "2026-01-01T10:05:00Z")]
    [InlineData("*/10 * * * *", "2026-01-01T10:02:30Z", "2026-01-01T10:10:00Z")]
    [InlineData("00:00:30", "2026-01-01T10:02:30Z", "2026-01-01T10:03:00Z")]
    public void ScheduleGivesTheNextOccurrenceInUtc(string expression, string after, string expected)
    {
        var schedule = TimerSchedule.Parse(expression);

        var next = schedule.GetNextOccurrence(DateTime.Parse(after, null, System.Globalization.DateTimeStyles.AdjustToUniversal));

        Assert.Equal(DateTime.Parse(expected, null, System.Globalization.DateTimeStyles.AdjustToUniversal), next);
    }

    [Fact]
    public void MalformedScheduleIsRefused()
    {
        Assert.Throws<FormatException>(() => TimerSchedule.Parse("every now and then"));
    }

    [Fact]
    public void UnsetScheduleSettingNamesTheSetting()
    {
        var function = new FunctionDescriptor(
            "Tick", typeof(TimerFunctions).GetMethod(nameof(TimerFunctions.Tick))!, typeof(TimerFunctions).GetMethod(nameof(TimerFunctions.Tick))!.GetParameters()[0], new TimerTriggerAttribute("%Nope%"));
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build();

        var refusal = Assert.Throws<InvalidOperationException>(() => SettingExpressions.Resolve("%Nope%", configuration, function));

        Assert.Contains("Nope", refusal.Message, StringComparison.Ordinal);
    }
}
