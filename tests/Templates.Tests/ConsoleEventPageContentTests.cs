namespace GoodThings.Templates.Tests;

/// <summary>What the console's event pages say and post: the event form and its preview, the hub in each status, the cancel step.</summary>
public sealed class ConsoleEventPageContentTests
{
    private const string TokenField = $"<input type=\"hidden\" name=\"csrf\" value=\"{PageSamples.ConsoleToken}\">";

    private static readonly TemplateRenderer Renderer = new(Samples.Site);

    [Fact]
    public void TheEventFormPostsEveryFieldOfTheApiWithItsTokenAndTwoLabelledButtons()
    {
        var main = MainOf(Render("Console.EventForm"));

        AssertSays(main,
            "<form method=\"post\" action=\"/console/events/new\" class=\"form\" novalidate>",
            TokenField,
            "<button class=\"button\" type=\"submit\" name=\"action\" value=\"save\">Save draft</button>",
            "<button class=\"button button--secondary\" type=\"submit\" name=\"action\" value=\"preview\">Preview</button>",
            "<option value=\"Europe/London\" selected>Europe/London</option>",
            "<option value=\"America/New_York\">America/New York</option>",
            "<option value=\"inPerson\" selected>In person</option>",
            "<option value=\"public\" selected>Public</option>");
        foreach (var field in ConsoleEventFields.All)
        {
            AssertSays(main, $"<label class=\"field__label\" for=\"{field}\">", $"id=\"{field}\" name=\"{field}\"");
        }
        AssertLeavesOut(main, "There is a problem", "Preview of the description", "aria-invalid");
    }

    [Fact]
    public void AFormWithErrorsLinksEachToItsFieldAndMarksTheFieldInvalidKeepingWhatWasTyped()
    {
        var html = Render("Console.EventForm.Invalid");

        AssertSays(html,
            "<title>Error: Create an event – ",
            "<li><a href=\"#endsAt\">Ends must be after startsAt</a></li>",
            "<p class=\"field__error\" id=\"endsAt-error\"><span class=\"visually-hidden\">Error:</span> Ends must be after startsAt</p>",
            "value=\"2026-03-03T17:00\" required aria-describedby=\"endsAt-error\" aria-invalid=\"true\">",
            "name=\"capacity\" value=\"lots\" aria-describedby=\"capacity-hint capacity-error\" aria-invalid=\"true\">");
        Assert.True(html.IndexOf("#endsAt", StringComparison.Ordinal) < html.IndexOf("#capacity", StringComparison.Ordinal));
    }

    [Fact]
    public void PreviewRendersTheDescriptionAsTheEventPageDoesAboveTheFormStillFilledIn()
    {
        var html = Render("Console.EventForm.Preview");
        var main = MainOf(html);

        AssertSays(html, "<title>Preview: Create an event – ");
        AssertSays(main,
            "<h2 id=\"preview-title\" class=\"notice__title\">Preview of the description</h2>",
            "<p>This is how the event page will show it. Nothing has been saved yet.</p>",
            "<strong>Starting small:</strong>",
            "<table>",
            $"value=\"{PageSamples.InPerson.Title}\"");
        Assert.True(main.IndexOf("preview-title", StringComparison.Ordinal) < main.IndexOf("<form method=\"post\" action=\"/console/events/new\"", StringComparison.Ordinal));
    }

    [Fact]
    public void PreviewShowsRawHtmlAsText()
    {
        var page = (ConsoleEventFormPage)PageSamples.Pages["Console.EventForm.Preview"] with { Preview = "Hello <script>alert(1)</script> <img src=x onerror=alert(1)>" };

        var main = MainOf(Renderer.RenderPage(page));

        AssertLeavesOut(main, "<script", "<img");
        AssertSays(main, "&lt;script&gt;");
    }

    [Fact]
    public void TheEditFormSavesChangesToItsOwnPathAndGoesBackToTheHub()
    {
        var main = MainOf(Render("Console.EventForm.Edit"));

        AssertSays(main,
            $"<h1>Edit {PageSamples.InPerson.Title}</h1>",
            "<a href=\"/console/events/ev_7k2m\">Back to the event</a>",
            "<form method=\"post\" action=\"/console/events/ev_7k2m/edit\" class=\"form\" novalidate>",
            "value=\"save\">Save changes</button>",
            "name=\"slug\" value=\"retrofit-that-reached-residents\"");
    }

    [Fact]
    public void TheTimeZoneListKeepsAZoneItDoesNotOffer()
    {
        var form = PageSamples.ConsoleEventFormFilled with { TimeZone = "Pacific/Auckland" };

        var main = MainOf(Renderer.RenderPage(new ConsoleEventFormPage(PageSamples.ConsoleHeader, form, "/console/events/new", null, "/console")));

        AssertSays(main, "<option value=\"Pacific/Auckland\" selected>Pacific/Auckland</option>");
        AssertLeavesOut(main, "<option value=\"Europe/London\" selected>");
    }

    [Fact]
    public void ADraftsHubOffersPublishingWithTheAnnounceBoxAndLinksToEveryEventPage()
    {
        var main = MainOf(Render("Console.EventHub.Draft"));

        AssertSays(main,
            "<p class=\"notice__title\">Draft saved. Publish it when it is ready.</p>",
            "<div><dt>Status</dt><dd>Draft</dd></div>",
            "/events/rebuilding-benefits (not public until it is published)",
            "<a class=\"button button--secondary\" href=\"/console/events/ev_9p4q/edit\">Edit event</a>",
            "<form method=\"post\" action=\"/console/events/ev_9p4q/publish\" class=\"form\">",
            TokenField,
            "<input class=\"checkbox__input\" type=\"checkbox\" id=\"announce\" name=\"announce\" value=\"true\" aria-describedby=\"announce-hint\">",
            "<label class=\"checkbox__label\" for=\"announce\">Announce to subscribers</label>",
            "<button class=\"button\" type=\"submit\">Publish</button>",
            "<a href=\"/console/events/ev_9p4q/cancel\">Cancel event</a>",
            "<a href=\"/console/events/ev_9p4q/registrations\">Registrations</a>",
            "<a href=\"/console/events/ev_9p4q/door\">Check-in at the door</a>",
            "<a href=\"/console/events/ev_9p4q/message\">Message attendees</a>",
            "<a href=\"/console/events/ev_9p4q/audit\">Audit log</a>");
        AssertLeavesOut(main, "<a href=\"/events/");
    }

    [Fact]
    public void AnInviteOnlyDraftIsPublishedWithoutAnAnnounceBox()
    {
        var main = MainOf(Render("Console.EventHub.InviteOnlyDraft"));

        AssertSays(main, "Invite only, 10 seats reserved for invitees", "<button class=\"button\" type=\"submit\">Publish</button>", "not announced to subscribers");
        AssertLeavesOut(main, "name=\"announce\"");
    }

    [Fact]
    public void APublishedEventsHubLinksItsPublicPageWithoutAPublishForm()
    {
        var main = MainOf(Render("Console.EventHub.Published"));

        AssertSays(main,
            "<div><dt>Status</dt><dd>Published</dd></div>",
            "<a href=\"/events/retrofit-that-reached-residents\">/events/retrofit-that-reached-residents</a>",
            "<tr><td>48</td><td>6</td><td>0</td></tr>",
            "<a href=\"/console/events/ev_7k2m/cancel\">Cancel event</a>");
        AssertLeavesOut(main, "/publish\"", "name=\"announce\"");
    }

    [Fact]
    public void ACancelledEventsHubShowsTheReasonAndOffersNoChange()
    {
        var main = MainOf(Render("Console.EventHub.Cancelled"));

        AssertSays(main, "<div><dt>Status</dt><dd>Cancelled</dd></div>", "<p>Reason given: Our speakers are unwell; we&#39;ll find a new date.</p>");
        AssertLeavesOut(main, "/edit\"", "/publish\"", "/cancel\"", "<form method=\"post\" action=\"/console/events");
    }

    [Fact]
    public void TheCancelStepAsksForTheReasonAndSaysWhoWillBeTold()
    {
        var main = MainOf(Render("Console.CancelEvent"));

        AssertSays(main,
            "<form method=\"post\" action=\"/console/events/ev_7k2m/cancel\" class=\"form\" novalidate>",
            TokenField,
            "<label class=\"field__label\" for=\"reason\">Reason</label>",
            "emails everyone confirmed or waitlisted",
            "<button class=\"button button--warning\" type=\"submit\">Cancel event</button>",
            "<a class=\"button button--secondary\" href=\"/console/events/ev_7k2m\">Keep the event</a>");
    }

    [Fact]
    public void ACancelWithoutAReasonSaysSoAtTheField()
    {
        var html = Render("Console.CancelEvent.Invalid");

        AssertSays(html,
            "<title>Error: Cancel ",
            "<li><a href=\"#reason\">Reason is required</a></li>",
            "aria-describedby=\"reason-hint reason-error\" aria-invalid=\"true\"",
            "This event is a draft, so nobody has been told of it.");
    }
}
