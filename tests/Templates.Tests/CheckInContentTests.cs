using System.Text.RegularExpressions;

namespace GoodThings.Templates.Tests;

/// <summary>The check-in QR block in confirmations, "you're in" emails and reminders, and its absence elsewhere.</summary>
public sealed class CheckInContentTests
{
    private static readonly TemplateRenderer Renderer = new(Samples.Site);

    private const string Link = "https://events.example.org/console/check-in/chk_3f9a";

    [Theory]
    [InlineData("RegistrationConfirmed")]
    [InlineData("WaitlistPromoted")]
    [InlineData("Reminder.24Hours")]
    public void AnEmailWithACheckInCodeShowsTheInlineImageWithAltTextAndTheLinkBelowIt(string sample)
    {
        var email = Renderer.RenderEmail(Samples.Emails[sample]);

        var image = Regex.Match(email.Html, "<img src=\"cid:check-in-5b1e0c@goodthings\"[^>]*>");
        Assert.True(image.Success, "no <img> referring to the attachment's Content-ID");
        Assert.Contains("width=\"260\" height=\"260\"", image.Value, StringComparison.Ordinal);
        Assert.Matches("alt=\"Your check-in QR code for [^\"]+\"", image.Value);
        var below = email.Html[(image.Index + image.Length)..];
        Assert.Contains($"<a href=\"{Link}\" style=\"color:#47525a;word-break:break-all;\">{Link}</a>", below, StringComparison.Ordinal);
        Assert.Contains("Show this code at the door", below, StringComparison.Ordinal);
        AssertSays(email.Text, "Your check-in code is in this email's HTML version. At the door, show it, or this link:\n" + Link + "\n");
    }

    [Theory]
    [InlineData("RegistrationConfirmed.Online")]
    [InlineData("RegistrationWaitlisted")]
    [InlineData("Reminder.1Hour")]
    [InlineData("EventUpdated")]
    [InlineData("FollowUpThanks")]
    public void AnEmailWithoutACheckInCodeSaysNothingAboutOne(string sample)
    {
        var email = Renderer.RenderEmail(Samples.Emails[sample]);

        foreach (var part in new[] { email.Html, email.Text })
        {
            AssertLeavesOut(part, "cid:", "check-in", "check-in code");
        }
    }

    [Fact]
    public void ACheckInLinkThatIsNotHttpIsRefused()
    {
        var model = (RegistrationConfirmed)Samples.Emails["RegistrationConfirmed"] with { CheckIn = Samples.CheckIn with { Url = "javascript:alert(1)" } };

        var refused = Assert.Throws<TemplateException>(() => Renderer.RenderEmail(model));

        Assert.Contains("CheckIn.Url", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheContentIdIsEncodedInTheImageSource()
    {
        var model = (RegistrationConfirmed)Samples.Emails["RegistrationConfirmed"] with { CheckIn = Samples.CheckIn with { ContentId = "x\" onerror=\"alert(1)" } };

        var html = Renderer.RenderEmail(model).Html;

        AssertSays(html, "src=\"cid:x&quot; onerror=&quot;alert(1)\"");
        AssertLeavesOut(html, "onerror=\"");
    }
}
