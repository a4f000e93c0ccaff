using System.Text.RegularExpressions;

namespace GoodThings.Templates.Tests;

/// <summary>What every form shares, whichever page it is on: fields a browser can fill in, and errors said first.</summary>
public sealed class FormTests
{
    [Theory]
    [InlineData("Event.Open", true)]
    [InlineData("Subscribe", false)]
    public void NameAndEmailFieldsSayWhatTheyHoldSoBrowsersCanFillThemIn(string sample, bool nameRequired)
    {
        var html = Render(sample);

        Assert.Matches("<input [^>]*type=\"email\" id=\"email\" name=\"email\"[^>]*autocomplete=\"email\"[^>]* required", html);
        Assert.Matches("<input [^>]*id=\"name\" name=\"name\"[^>]*autocomplete=\"name\"", html);
        Assert.Equal(nameRequired, Regex.IsMatch(html, "<input [^>]*id=\"name\" name=\"name\"[^>]* required"));
    }

    [Theory]
    [InlineData("Event.Invalid", "Delivering net zero locally: what worked")]
    [InlineData("Subscribe.Invalid", "Subscribe to the newsletter")]
    public void AnInvalidFormComesBackTitledAsAnErrorWithTheErrorSummaryFirst(string sample, string title)
    {
        var html = Render(sample);

        AssertSays(html, $"<title>Error: {title} – How to make good things happen</title>");
        Assert.StartsWith("<main id=\"main\" class=\"container\" tabindex=\"-1\">\n<div class=\"error-summary\" role=\"alert\"", MainOf(html), StringComparison.Ordinal);
    }
}
