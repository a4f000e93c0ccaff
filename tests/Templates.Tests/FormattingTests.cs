using GoodThings.Templates.Formatting;

namespace GoodThings.Templates.Tests;

public sealed class FormattingTests
{
    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void WinterTimesInLondonAreShownInGreenwichTime()
    {
        Assert.Equal("Tuesday 3 March 2026, 6:30pm to 8pm (London time, UTC)",
            EventTimes.Describe(Utc(3, 3, 18, 30), Utc(3, 3, 20), "Europe/London"));
    }

    [Fact]
    public void SummerTimesInLondonAreShownInSummerTime()
    {
        Assert.Equal("Tuesday 16 June 2026, midday to 1pm (London time, UTC+1)",
            EventTimes.Describe(Utc(6, 16, 11), Utc(6, 16, 12), "Europe/London"));
    }

    [Fact]
    public void AnEventOverMidnightNamesBothDays()
    {
        Assert.Equal("Friday 6 March 2026, 10pm to Saturday 7 March 2026, midnight (London time, UTC)",
            EventTimes.Describe(Utc(3, 6, 22), Utc(3, 7, 0), "Europe/London"));
    }

    [Theory]
    [InlineData("America/New_York", "Tuesday 3 March 2026, 1:30pm to 3pm (New York time, UTC-5)")]
    [InlineData("Asia/Kolkata", "Wednesday 4 March 2026, midnight to 1:30am (Kolkata time, UTC+5:30)")]
    [InlineData("UTC", "Tuesday 3 March 2026, 6:30pm to 8pm (UTC)")]
    public void TimesAreShownInTheEventsOwnZone(string zone, string expected)
    {
        Assert.Equal(expected, EventTimes.Describe(Utc(3, 3, 18, 30), Utc(3, 3, 20), zone));
    }

    [Theory]
    [InlineData(6, 15, 16, 0, "Europe/London", "Monday 15 June 2026, 5pm (London time, UTC+1)")]
    [InlineData(3, 2, 18, 30, "Europe/London", "Monday 2 March 2026, 6:30pm (London time, UTC)")]
    [InlineData(6, 15, 16, 0, "UTC", "Monday 15 June 2026, 4pm (UTC)")]
    [InlineData(6, 15, 12, 0, "UTC", "Monday 15 June 2026, midday (UTC)")]
    public void AMomentIsShownInTheEventsOwnZone(int month, int day, int hour, int minute, string zone, string expected)
    {
        Assert.Equal(expected, EventTimes.Moment(Utc(month, day, hour, minute), zone));
    }

    [Theory]
    [InlineData(24 * 60, "24 hours")]
    [InlineData(60, "1 hour")]
    [InlineData(30, "30 minutes")]
    [InlineData(7 * 24 * 60, "7 days")]
    [InlineData(90, "90 minutes")]
    public void DurationsAreWords(int minutes, string expected)
    {
        Assert.Equal(expected, Durations.Describe(TimeSpan.FromMinutes(minutes)));
    }
}
