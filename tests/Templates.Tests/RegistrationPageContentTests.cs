using static GoodThings.Templates.Tests.RenderedPages;

namespace GoodThings.Templates.Tests;

/// <summary>What a registrant's own page says and offers, state by state: confirmed, waitlisted, cancelled, and the notices it shows.</summary>
public sealed class RegistrationPageContentTests
{
    [Fact]
    public void AConfirmedAttendeeOfAnOnlineEventGetsTheJoinLinkAndCanCancel()
    {
        var html = Render("Registration.ConfirmedOnline");

        Assert.Contains("You're registered", html, StringComparison.Ordinal);
        Assert.Contains("You have a place", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"button join__link\" href=\"https://meet.example.com/j/8841-2290\">Join the event online</a>", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/registrations/tok_3f9a/cancel\">", html, StringComparison.Ordinal);
        Assert.Contains(">Cancel my registration</button>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/events/fixing-the-front-door\">Fixing the front door", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/events/fixing-the-front-door.ics\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AWaitlistedPersonIsToldTheirPlaceInTheQueue()
    {
        var html = Render("Registration.Waitlisted");

        Assert.Contains("You're number 3 on the waitlist", html, StringComparison.Ordinal);
        Assert.Contains("You're on the waitlist", html, StringComparison.Ordinal);
        Assert.DoesNotContain("join__link", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ACancelledRegistrationOffersNoCancelButton()
    {
        var html = Render("Registration.Cancelled");

        Assert.Contains("Your registration is cancelled", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
        Assert.DoesNotContain(".ics\"", MainOf(html), StringComparison.Ordinal);
    }

    [Fact]
    public void NoCancelButtonOnceCancellingIsNoLongerAllowed()
    {
        var html = Render("Registration.Started");

        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
        Assert.Contains("Join the event online", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutANoticeThereIsNoBanner()
    {
        var html = Render("Registration.Confirmed");

        Assert.DoesNotContain("notice--success", html, StringComparison.Ordinal);
        Assert.Contains("<dd>Ada Lovelace</dd>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AMessagePageShowsItsTitleAndMessage()
    {
        var html = Render("Message.CheckEmail");

        Assert.Contains("<title>Check your email – How to make good things happen</title>", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Check your email</h1>\n<p>Thanks. We&#39;ve sent you an email", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenTheEventIsCancelledTheManagePageSaysSoAndNothingElseToDo()
    {
        var html = Render("Registration.EventCancelled");

        Assert.Contains("so your registration is cancelled", html, StringComparison.Ordinal);
        Assert.DoesNotContain("You have a place", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
        Assert.DoesNotContain(".ics\"", MainOf(html), StringComparison.Ordinal);
    }

    [Fact]
    public void AWaitlistedPersonIsNotOfferedACalendarFileForAPlaceTheyDoNotHave()
    {
        var html = Render("Registration.Waitlisted");

        Assert.DoesNotContain(".ics\"", MainOf(html), StringComparison.Ordinal);
    }
}
