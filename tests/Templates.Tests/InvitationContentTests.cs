using System.Text.RegularExpressions;

namespace GoodThings.Templates.Tests;

/// <summary>What an invitation offers, end to end: the email, the event page opened with it or without it, and the decline page.</summary>
public sealed class InvitationContentTests
{
    private static readonly TemplateRenderer Renderer = new(Samples.Site);

    [Theory]
    [InlineData("Event.Invited", "Accept and register")]
    [InlineData("Event.InvitedWaitlist", "Accept and join the waitlist")]
    public void AnInvitedPersonGetsTheFormAddressedToThemWithTheTokenAndAWayToDecline(string sample, string button)
    {
        var html = Render(sample);

        AssertSays(html,
            "<h2 id=\"register-title\">Accept your invitation</h2>",
            "<form method=\"post\" action=\"/events/net-zero-locally\"",
            "<input type=\"hidden\" name=\"invitation\" value=\"tok_3f9a\">",
            "<input class=\"input\" type=\"text\" id=\"name\" name=\"name\" value=\"Ada Lovelace\"",
            "<p class=\"field__hint\" id=\"email-hint\">Your invitation is for this address.",
            $"<button class=\"button\" type=\"submit\">{button}</button>",
            "<a class=\"button\" href=\"#register\">Accept your invitation</a>",
            "Can't come? <a href=\"/invitations/tok_3f9a/decline\">Decline the invitation</a>");
        Assert.Matches("<input class=\"input\" type=\"email\" id=\"email\" name=\"email\" value=\"ada@example.org\"[^>]* readonly[ >]", html);
        Assert.Matches("<input [^>]*id=\"email\"[^>]*aria-describedby=\"email-hint\"", html);
        AssertLeavesOut(html, "By invitation only");
    }

    [Fact]
    public void TheHiddenFieldIsNamedAsTheAppReadsIt()
    {
        Assert.Contains($"name=\"{InvitationToken.Field}\"", Render("Event.Invited"), StringComparison.Ordinal);
    }

    [Fact]
    public void AnInviteOnlyEventOpenedWithoutAnInvitationSaysHowToAskForOneAndOffersNoForm()
    {
        var html = Render("Event.InviteOnly");

        AssertSays(html,
            "<section id=\"register\" class=\"register\" aria-labelledby=\"register-title\">\n  <h2 id=\"register-title\">By invitation only</h2>",
            "This event is by invitation only.",
            "reply to any email you've had from the organisers",
            "a personal link to register");
        AssertLeavesOut(html,
            "<form",
            "href=\"#register\"",
            ">Register<",
            "Registration for this event has closed",
            "name=\"invitation\"");
    }

    [Fact]
    public void AnInviteOnlyEventThatHasClosedSaysSoRatherThanOfferingInvitations()
    {
        var html = Renderer.RenderPage(PageSamples.EventOpen with { IsInviteOnly = true, Availability = EventAvailability.Closed });

        AssertSays(html, "Registration for this event has closed.");
        AssertLeavesOut(html, "By invitation only", "<form");
    }

    [Fact]
    public void TheDeclinePageShowsTheEventAndPostsTheDeclineWithAnOptionalReason()
    {
        var html = Render("DeclineInvitation");

        AssertSays(html,
            "<h1>Decline your invitation</h1>",
            "Hi Ada Lovelace.",
            "<dd>Delivering net zero locally: what worked</dd>",
            "<dd>Tuesday 3 March 2026, 6:30pm to 8pm (London time, UTC)</dd>",
            "<dd>The Guildhall, Gresham Street, London EC2V 7HH</dd>",
            "<form method=\"post\" action=\"/invitations/tok_3f9a/decline\"",
            "<label class=\"field__label\" for=\"reason\">Anything you'd like to tell the organisers? (optional)</label>",
            ">Decline the invitation</button>",
            "Would you like to come after all? <a href=\"/events/net-zero-locally?invitation=tok_3f9a#register\">Accept the invitation</a>");
        Assert.Matches($"<input class=\"input\" type=\"text\" id=\"{DeclineInvitationPage.ReasonField}\" name=\"{DeclineInvitationPage.ReasonField}\" value=\"\" maxlength=\"200\"", html);
        AssertLeavesOut(html, "aria-invalid", "error-summary");
    }

    [Fact]
    public void AnInvalidReasonComesBackKeptMarkedAndListed()
    {
        var html = Render("DeclineInvitation.Invalid");

        AssertSays(html,
            "<title>Error: Decline your invitation",
            "<li><a href=\"#reason\">Your message must be 200 characters or fewer</a></li>",
            "<div class=\"field field--error\">",
            "<p class=\"field__error\" id=\"reason-error\"><span class=\"visually-hidden\">Error:</span> Your message must be 200 characters or fewer</p>",
            "value=\"Sorry, I&#39;m away that week. Sorry,",
            "aria-describedby=\"reason-hint reason-error\" aria-invalid=\"true\">");
    }

    [Theory]
    [InlineData("DeclineInvitation.Done", true)]
    [InlineData("DeclineInvitation.DoneClosed", false)]
    public void OnceDeclinedThePageThanksThemAndOffersToAcceptOnlyWhileRegistrationIsOpen(string sample, bool canAccept)
    {
        var html = Render(sample);

        AssertSays(html,
            "<h1>Thanks for letting us know</h1>",
            "We've told the organisers of <strong>Delivering net zero locally: what worked</strong> that you can't come.",
            "<a href=\"/\">See upcoming events</a>");
        AssertLeavesOut(html, "<form");
        Assert.Equal(canAccept, html.Contains("You can still <a href=\"/events/net-zero-locally?invitation=tok_3f9a#register\">accept the invitation</a> until registration closes.", StringComparison.Ordinal));
    }

    [Fact]
    public void TheInvitationEmailLinksToAcceptAndDeclineAndSaysWhenToReplyBy()
    {
        var email = Renderer.RenderEmail(Samples.Emails["Invitation"]);

        Assert.Equal("You're invited: Delivering net zero locally: what worked", email.Subject);
        foreach (var part in new[] { email.Html, email.Text })
        {
            AssertSays(part,
                "The organisers of Delivering net zero locally: what worked would like you to come.",
                "https://events.example.org/events/net-zero-locally?invitation=tok_3f9a#register",
                "https://events.example.org/invitations/tok_3f9a/decline",
                "Please reply by Monday 2 March 2026, midday (London time, UTC).",
                "We'll send you a calendar invite once you've accepted.");
        }
        AssertSays(email.Html,
            "<h1>You're invited</h1>",
            ">Accept the invitation</a>",
            "<a href=\"https://events.example.org/invitations/tok_3f9a/decline\">Decline</a>");
    }

    [Fact]
    public void TheReminderSaysWeHaveNotHeardBack()
    {
        var email = Renderer.RenderEmail(Samples.Emails["Invitation.Reminder"]);

        Assert.Equal("Reminder: you're invited to Delivering net zero locally: what worked", email.Subject);
        AssertSays(email.Html, "<h1>A reminder: you're invited</h1>", "We haven't heard from you yet about Delivering net zero locally: what worked.");
        AssertSays(email.Text, "A reminder: you're invited", "We haven't heard from you yet about");
    }

    [Fact]
    public void TheOrganisersMessageIsMarkdownInHtmlAndAsWrittenInText()
    {
        var email = Renderer.RenderEmail(Samples.Emails["Invitation"]);

        AssertSays(email.Html,
            "A message from the organisers:",
            "<strong>council retrofit leads</strong>",
            "<a href=\"https://events.example.org/papers/retrofit\">background paper</a>");
        AssertSays(email.Text, "**council retrofit leads**", "[background paper](https://events.example.org/papers/retrofit)");
    }

    [Fact]
    public void WithoutAMessageNothingIntroducesOne()
    {
        var email = Renderer.RenderEmail(Samples.Emails["Invitation.NoMessage"]);

        AssertLeavesOut(email.Html, "A message from the organisers");
        AssertLeavesOut(email.Text, "A message from the organisers");
        Assert.Single(Regex.Matches(email.Html, "<h1[ >]"));
    }
}
