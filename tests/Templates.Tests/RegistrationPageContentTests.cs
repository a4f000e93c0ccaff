namespace GoodThings.Templates.Tests;

/// <summary>What a registrant's own page says and offers, state by state: confirmed, waitlisted, cancelled, and the notices it shows.</summary>
public sealed class RegistrationPageContentTests
{
    [Fact]
    public void AConfirmedAttendeeOfAnOnlineEventGetsTheJoinLinkAndCanCancel()
    {
        var html = Render("Registration.ConfirmedOnline");

        AssertSays(html,
            "You're registered",
            "You have a place",
            "<a class=\"button join__link\" href=\"https://meet.example.com/j/8841-2290\">Join the event online</a>",
            "<form method=\"post\" action=\"/registrations/tok_3f9a/cancel\">",
            ">Cancel my registration</button>",
            "<a href=\"/events/fixing-the-front-door\">Fixing the front door",
            "href=\"/events/fixing-the-front-door.ics\"");
    }

    [Fact]
    public void AWaitlistedPersonIsToldTheirPlaceInTheQueue()
    {
        var html = Render("Registration.Waitlisted");

        AssertSays(html,
            "You're number 3 on the waitlist",
            "You're on the waitlist");
    }

    [Theory]
    [InlineData("Registration.Cancelled", "Your registration is cancelled")]
    [InlineData("Registration.EventCancelled", "so your registration is cancelled", "there's nothing you need to do")]
    public void ACancelledRegistrationSaysSoAndLeavesNothingToDo(string sample, params string[] said)
    {
        var html = Render(sample);

        AssertSays(html, said);
        AssertLeavesOut(html,
            "You have a place",
            "<form");
    }

    [Theory]
    [InlineData("Registration.Waitlisted")]
    [InlineData("Registration.Cancelled")]
    [InlineData("Registration.EventCancelled")]
    public void SomeoneWithoutAPlaceIsOfferedNoCalendarFileOrJoinLink(string sample)
    {
        var html = Render(sample);

        AssertLeavesOut(MainOf(html), ".ics\"");
        AssertLeavesOut(html, "join__link");
    }

    [Fact]
    public void NoCancelButtonOnceCancellingIsNoLongerAllowed()
    {
        var html = Render("Registration.Started");

        AssertLeavesOut(html, "<form");
        AssertSays(html, "Join the event online");
    }

    [Theory]
    [InlineData("Registration.ConfirmedOnline", true)]
    [InlineData("Registration.Confirmed", false)]
    public void TheBannerShowsOnlyWithANotice(string sample, bool notice)
    {
        var html = Render(sample);

        Assert.Equal(notice, html.Contains("notice--success", StringComparison.Ordinal));
        AssertSays(html, "<dd>Ada Lovelace</dd>");
    }

    [Fact]
    public void AMessagePageShowsItsTitleAndMessage()
    {
        var html = Render("Message.CheckEmail");

        AssertSays(html,
            "<title>Check your email – How to make good things happen</title>",
            "<h1>Check your email</h1>\n<p>Thanks. We&#39;ve sent you an email");
    }
}
