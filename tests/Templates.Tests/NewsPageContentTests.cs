namespace GoodThings.Templates.Tests;

/// <summary>What the console's audit log and newsletter pages say and post.</summary>
public sealed class NewsPageContentTests
{
    private const string TokenField = $"<input type=\"hidden\" name=\"csrf\" value=\"{PageSamples.ConsoleToken}\">";

    [Fact]
    public void EveryConsolePageLinksToTheNewsletterAndTheAuditLog()
    {
        foreach (var name in new[] { "Console.Dashboard", "Console.CheckIn", "Console.Audit", "Console.Newsletter", "Console.Campaign" })
        {
            AssertSays(MainOf(Render(name)), "<li><a href=\"/console/newsletter\">Newsletter</a></li>", "<li><a href=\"/console/audit\">Audit log</a></li>");
        }
    }

    [Fact]
    public void TheAuditLogSaysWhoDidWhatWhenWithAPatchsChangesAndLinksItsSubjects()
    {
        var main = MainOf(Render("Console.Audit"));

        AssertSays(main,
            "<strong>Published the event (announced to subscribers)</strong>: <a href=\"/console/events/ev_7k2m\">",
            "<time datetime=\"2026-03-03T18:42:10Z\">Tuesday 3 March 2026, 6:42pm (UTC)</time>, by Ada Lovelace",
            "<li><span class=\"audit__field\">capacity</span>: <del>40</del> → <ins>60</ins></li>",
            "<li><span class=\"audit__field\">venue</span>: (none) → <ins>The Guildhall</ins></li>",
            "<li><span class=\"audit__field\">description</span>: changed (the log keeps no copy of it)</li>",
            "<a href=\"/console/newsletter/campaigns/c_5e1a\">Spring round-up: what worked</a>",
            "<a href=\"/console/audit?after=2520752895999999999%7C4f0c2b6a9d8e4f1aa3b5c7d9e1f30a52\" rel=\"next\">Older</a>");
        AssertLeavesOut(main, ">Newest</a>");
    }

    [Fact]
    public void AnOlderPageLinksBackToTheNewestAndTheLastHasNoOlderLink()
    {
        var main = MainOf(Render("Console.Audit.Older"));

        AssertSays(main, "<li><a href=\"/console/audit\">Newest</a></li>");
        AssertLeavesOut(main, "rel=\"next\"");
        AssertSays(MainOf(Render("Console.Audit.Empty")), "<p>No changes recorded yet.</p>");
    }

    [Fact]
    public void AnEventsAuditLogNamesTheEventAndLinksBackToIt()
    {
        var html = Render("Console.Audit.Event");

        AssertSays(html, $"<title>Audit log: {PageSamples.InPerson.Title} – ", $"<p><a href=\"/console/events/ev_7k2m\">Back to {PageSamples.InPerson.Title}</a></p>");
    }

    [Fact]
    public void TheNewsletterPageCountsSubscribersByStatusAndTopicAndListsTheCampaigns()
    {
        var main = MainOf(Render("Console.Newsletter"));

        AssertSays(main,
            "<div><dt>Confirmed</dt><dd>340</dd></div>",
            "<div><dt>Pending</dt><dd>12 (not yet confirmed)</dd></div>",
            "<div><dt>Unsubscribed</dt><dd>27</dd></div>",
            "<div><dt>Total</dt><dd>379</dd></div>",
            "<th scope=\"row\">housing</th>\n      <td>120</td>\n      <td>3</td>\n      <td>9</td>",
            "<th scope=\"row\">No topic chosen (every topic)</th>",
            "<a class=\"button\" href=\"/console/newsletter/campaigns/new\">New campaign</a>",
            $"<a href=\"{NewsPageSamples.CampaignPath}\">Spring round-up: what worked</a>",
            "<td>Sent</td>\n      <td>Tuesday 9 December 2025, 9am (London time, UTC)</td>\n      <td>312</td>",
            "<td>Not set</td>\n      <td>Not yet counted</td>");
        AssertSays(MainOf(Render("Console.Newsletter.Empty")), "<p>No campaigns yet.</p>");
    }

    [Fact]
    public void TheCampaignFormAsksForEveryFieldOfTheApiAndPostsWithTheToken()
    {
        var main = MainOf(Render("Console.CampaignForm"));

        AssertSays(main,
            "<form method=\"post\" action=\"/console/newsletter/campaigns/new\" class=\"form\" novalidate>",
            TokenField,
            "name=\"subject\"", "name=\"preheader\"", "name=\"body\"",
            "<input class=\"checkbox__input\" type=\"checkbox\" id=\"topics\" name=\"topics\" value=\"delivery\">",
            "type=\"datetime-local\" id=\"sendAt\" name=\"sendAt\"",
            "<option value=\"Europe/London\" selected>Europe/London</option>",
            "<button class=\"button\" type=\"submit\">Save draft</button>");
    }

    [Fact]
    public void AnInvalidCampaignFormKeepsWhatWasTypedAndLinksEachErrorToItsField()
    {
        var html = Render("Console.CampaignForm.Invalid");

        AssertSays(html,
            "<title>Error: New campaign – ",
            "<li><a href=\"#subject\">Subject is required</a></li>",
            "<li><a href=\"#body\">Body must not contain &quot;gt-placeholder-&quot;, which the app uses for each person&#39;s details</a></li>",
            "<li><a href=\"#sendAt\">Send at does not exist in that time zone: the clocks go forward then</a></li>",
            "aria-invalid=\"true\" aria-describedby=\"subject-error\"",
            "Hello gt-placeholder-name</textarea>",
            "value=\"net zero\" checked>",
            "value=\"2026-03-10T09:00\"");
        Assert.True(html.IndexOf("#subject", StringComparison.Ordinal) < html.IndexOf("#body", StringComparison.Ordinal));
    }

    [Fact]
    public void ADraftsPageFramesThePreviewAndOffersTestScheduleCancelAndEdit()
    {
        var main = MainOf(Render("Console.Campaign"));

        AssertSays(main,
            "<p class=\"notice__title\">Draft saved</p>",
            $"<iframe class=\"preview\" src=\"{NewsPageSamples.PreviewPath}\" title=\"Preview of the email: Spring round-up: what worked\" sandbox></iframe>",
            $"<form method=\"post\" action=\"{NewsPageSamples.CampaignPath}/test\" class=\"form\" novalidate>",
            "<button class=\"button button--secondary\" type=\"submit\">Send test</button>",
            $"<form method=\"post\" action=\"{NewsPageSamples.CampaignPath}/schedule\" class=\"form\" novalidate>",
            "type=\"radio\" id=\"when\" name=\"when\" value=\"now\" checked>",
            "<button class=\"button\" type=\"submit\">Schedule</button>",
            $"<form method=\"post\" action=\"{NewsPageSamples.CampaignPath}/cancel\" class=\"form\">",
            "<button class=\"button button--warning\" type=\"submit\">Cancel campaign</button>",
            $"<a class=\"button button--secondary\" href=\"{NewsPageSamples.CampaignPath}/edit\">Edit draft</a>");
        // Sign-out, test, schedule and cancel: every form carries the token.
        Assert.Equal(4, main.Split(TokenField).Length - 1);
    }

    [Fact]
    public void ASentCampaignShowsItsCountsAndOffersOnlyATest()
    {
        var main = MainOf(Render("Console.Campaign.Sent"));

        AssertSays(main, "<div><dt>Sent</dt><dd>338</dd></div>", "<div><dt>Bounced</dt><dd>3</dd></div>", "Send test</button>");
        AssertLeavesOut(main, "/schedule\"", "/cancel\"", "/edit\"");
    }

    [Fact]
    public void ARefusedPostSaysWhyAndThatNothingChanged()
    {
        AssertSays(MainOf(Render("Console.Campaign.Conflict")),
            "<li>Every batch of the campaign has gone out; there is nothing left to stop.</li>", "<p>Nothing was changed.</p>");
        AssertSays(Render("Console.Campaign.TestInvalid"),
            "<title>Error: Campaign: Spring round-up: what worked – ",
            "<li><a href=\"#emails\">Test address 2 must be an email address</a></li>",
            "ada@example.org, not-an-address</textarea>");
        AssertSays(MainOf(Render("Console.Campaign.ScheduleInvalid")),
            "type=\"radio\" id=\"when-later\" name=\"when\" value=\"later\" checked>", "value=\"2020-01-01T09:00\"");
    }
}
