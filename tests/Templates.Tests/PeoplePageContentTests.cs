namespace GoodThings.Templates.Tests;

/// <summary>What the console's pages about an event's people say and post: registrations, the door and the message form.</summary>
public sealed class PeoplePageContentTests
{
    private const string TokenField = $"<input type=\"hidden\" name=\"csrf\" value=\"{PageSamples.ConsoleToken}\">";

    [Fact]
    public void TheRegistrationsSearchIsAPlainGetFormKeepingTheSearchAndFilter()
    {
        var main = MainOf(Render("Console.Registrations.Filtered"));

        AssertSays(main,
            "<form method=\"get\" action=\"/console/events/ev_7k2m/registrations\" class=\"form\" role=\"search\" aria-label=\"Registrations\">",
            "<label class=\"field__label\" for=\"q\">Search by name or email</label>",
            "id=\"q\" name=\"q\" value=\"ada\"",
            "<option value=\"waitlisted\" selected>Waitlisted</option>",
            "Showing 1 of 3 registrations.",
            "<a class=\"button button--secondary\" href=\"/console/events/ev_7k2m/registrations.csv?q=ada&amp;status=waitlisted\" download>Download CSV</a>");
        AssertLeavesOut(main, "<script", "Grace Hopper");
    }

    [Fact]
    public void EachRowLinksToItsCancelStepAndOnlyAWaitlistedRowPostsItsPromoteWithTheTokenAndTheSearch()
    {
        var main = MainOf(Render("Console.Registrations"));

        AssertSays(main,
            "<form method=\"post\" action=\"/console/events/ev_7k2m/registrations/r_2/promote\" class=\"console-table__form\">",
            "Promote<span class=\"visually-hidden\"> Ada Lovelace to confirmed</span></button>",
            "<a class=\"button button--warning\" href=\"/console/events/ev_7k2m/registrations/r_1/cancel\">Cancel registration<span class=\"visually-hidden\"> of Grace Hopper</span></a>",
            TokenField,
            "<input type=\"hidden\" name=\"q\" value=\"\">",
            "<td>Yes, at Tuesday 3 March 2026, 6:42pm (London time, UTC)</td>");
        AssertLeavesOut(main, "registrations/r_1/promote", "registrations/r_3/", "Cancel registration<span class=\"visually-hidden\"> of Katherine Johnson");
    }

    [Fact]
    public void TheCancelStepSaysWhatHappensAndPostsBackTheListsSearch()
    {
        var main = MainOf(Render("Console.CancelRegistration"));

        AssertSays(main,
            "<h1>Cancel the registration of Grace Hopper?</h1>",
            "Their place goes to the first person on the waitlist",
            "<form method=\"post\" action=\"/console/events/ev_7k2m/registrations/r_1/cancel\" class=\"form\">",
            TokenField,
            "<input type=\"hidden\" name=\"q\" value=\"grace\">",
            "<input type=\"hidden\" name=\"status\" value=\"confirmed\">",
            "<button class=\"button button--warning\" type=\"submit\">Cancel registration</button>",
            "<a href=\"/console/events/ev_7k2m/registrations?q=grace&amp;status=confirmed\">No, keep the registration</a>");
    }

    [Theory]
    [InlineData("Console.Registrations.Empty", "<p>Nobody has registered yet.</p>")]
    [InlineData("Console.Registrations.NoResults", "No registrations match. <a href=\"/console/events/ev_7k2m/registrations\">Show all 3 registrations</a>")]
    public void AnEmptyListSaysWhyAndOffersNoCsvOrTable(string sample, string says)
    {
        var main = MainOf(Render(sample));

        AssertSays(main, says);
        AssertLeavesOut(main, "<table", "Download CSV");
    }

    [Fact]
    public void TheDoorCountsCheckInsAndGivesEachPersonOneButton()
    {
        var main = MainOf(Render("Console.Door"));

        AssertSays(main,
            "<p class=\"status__title\" role=\"status\">1 of 2 checked in</p>",
            "<form method=\"get\" action=\"/console/events/ev_7k2m/door\" class=\"form\" role=\"search\"",
            "<form method=\"post\" action=\"/console/events/ev_7k2m/door/r_1\" class=\"door-list__form\">",
            "<input type=\"hidden\" name=\"attended\" value=\"false\">",
            "Undo check-in<span class=\"visually-hidden\"> of Grace Hopper</span></button>",
            "<form method=\"post\" action=\"/console/events/ev_7k2m/door/r_3\" class=\"door-list__form\">",
            "<input type=\"hidden\" name=\"attended\" value=\"true\">",
            "Check in<span class=\"visually-hidden\"> Mary Jackson</span></button>",
            TokenField);
    }

    [Theory]
    [InlineData("Console.Door.NoResults", "Nobody confirmed matches \"nobody\".")]
    [InlineData("Console.Door.Empty", "<p>Nobody has a confirmed place yet.</p>")]
    public void AnEmptyDoorSaysWhy(string sample, string says)
    {
        var main = MainOf(Render(sample));

        AssertSays(main, says);
        AssertLeavesOut(main, "door-list__form");
    }

    [Fact]
    public void TheMessageFormPicksAnAudienceAndPreviewsWithoutSending()
    {
        var main = MainOf(Render("Console.Message"));

        AssertSays(main,
            "<form method=\"post\" action=\"/console/events/ev_7k2m/message\" class=\"form\" novalidate>",
            TokenField,
            "<legend class=\"field__label\">Send to</legend>",
            "type=\"radio\" id=\"audience\" name=\"audience\" value=\"all\" checked>",
            "value=\"noShows\">",
            "<label class=\"field__label\" for=\"subject\">Subject</label>",
            "<textarea class=\"input textarea\" id=\"body\" name=\"body\"",
            "<button class=\"button\" type=\"submit\">Preview</button>");
        AssertLeavesOut(main, "Send message", "/message/send");
    }

    [Fact]
    public void ThePreviewSaysHowManyWillReceiveItAndCarriesTheFieldsToSend()
    {
        var main = MainOf(Render("Console.Message.Preview"));

        AssertSays(main,
            "<strong>This message will be sent to 14 people.</strong>",
            "<form method=\"post\" action=\"/console/events/ev_7k2m/message/send\" class=\"form\">",
            "<input type=\"hidden\" name=\"audience\" value=\"noShows\">",
            "<input type=\"hidden\" name=\"subject\" value=\"Slides and recording\">",
            "<input type=\"hidden\" name=\"body\" value=\"Sorry we missed you. The **slides**",
            "<p>Sorry we missed you. The <strong>slides</strong>",
            "<pre class=\"console-preview__text\">How to make good things happen",
            "<button class=\"button\" type=\"submit\">Send message</button>");
        AssertSays(Render("Console.Message.Preview"), "<title>Preview your message: ");
    }

    [Fact]
    public void APreviewForNobodyOffersNoSendButton()
    {
        var main = MainOf(Render("Console.Message.PreviewNobody"));

        AssertSays(main, "Nobody is in this audience, so there is nobody to send it to.");
        AssertLeavesOut(main, "Send message", "/message/send");
    }

    [Fact]
    public void AMissingSubjectIsSummarisedLinkedAndMarkedWithTheBodyKept()
    {
        var html = Render("Console.Message.Invalid");

        AssertSays(html,
            "<title>Error: Message the people registered: ",
            "<li><a href=\"#subject\">Enter a subject</a></li>",
            "<p class=\"field__error\" id=\"subject-error\"><span class=\"visually-hidden\">Error:</span> Enter a subject</p>",
            "aria-describedby=\"subject-error\" aria-invalid=\"true\"",
            ">See you **tomorrow**.</textarea>",
            "value=\"noShows\" checked>");
        AssertLeavesOut(MainOf(html), "Send message");
    }

    [Fact]
    public void AfterSendingThePageSaysToHowMany() =>
        AssertSays(MainOf(Render("Console.Message.Sent")), "<p class=\"notice__title\">Your message is on its way to 14 people</p>");
}
