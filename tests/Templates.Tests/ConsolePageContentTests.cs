namespace GoodThings.Templates.Tests;

/// <summary>What the console's foundation pages say and post: the sign-in form, the header with sign-out, the dashboard's events.</summary>
public sealed class ConsolePageContentTests
{
    private const string TokenField = $"<input type=\"hidden\" name=\"csrf\" value=\"{PageSamples.ConsoleToken}\">";

    [Fact]
    public void TheSignInFormPostsTheKeyWithItsAntiForgeryTokenAndWhereToGoBack()
    {
        var html = Render("Console.SignIn.WrongKey");

        AssertSays(html,
            "<form method=\"post\" action=\"/console/sign-in\" class=\"form\" novalidate>",
            TokenField,
            "<input type=\"hidden\" name=\"returnUrl\" value=\"/console/events/ev_7k2m\">",
            "type=\"password\" id=\"key\" name=\"key\" autocomplete=\"current-password\"",
            "<li><a href=\"#key\">The management key is not right</a></li>",
            "<title>Error: Sign in to the console – ");
        AssertLeavesOut(html, "<script", " value=\"\" type=\"password\"");
    }

    [Fact]
    public void TheSignInPageOffersThePlatformSignInOnlyWhenItIsOn()
    {
        AssertSays(Render("Console.SignIn.Platform"), "<a class=\"button\" href=\"/.auth/login/aad?post_login_redirect_uri=%2Fconsole\">Sign in with your work account</a>");
        AssertLeavesOut(Render("Console.SignIn"), "/.auth/", "There is a problem");
    }

    [Fact]
    public void TheDashboardNamesTheOrganiserAndSignsOutWithAPostCarryingTheToken()
    {
        var main = MainOf(Render("Console.Dashboard"));

        AssertSays(main,
            "Signed in as <strong>Ada Lovelace</strong>",
            "<form method=\"post\" action=\"/console/sign-out\" class=\"console-bar__form\">",
            TokenField,
            "<button class=\"button button--secondary\" type=\"submit\">Sign out</button>");
    }

    [Fact]
    public void TheDashboardListsEachEventWithItsCountsAndLinksToItsConsolePage()
    {
        var main = MainOf(Render("Console.Dashboard"));

        AssertSays(main,
            "<a class=\"button\" href=\"/console/events/new\">Create an event</a>",
            $"<a href=\"/console/events/ev_7k2m\">{PageSamples.InPerson.Title}</a>",
            "<td>Published</td>\n      <td>48</td>\n      <td>6</td>\n      <td>0</td>",
            "<a href=\"/console/events/ev_9p4q\">",
            "<td>Draft</td>",
            "<td>120</td>\n      <td>14</td>\n      <td>97</td>");
        Assert.True(main.IndexOf("ev_9p4q", StringComparison.Ordinal) < main.IndexOf("id=\"recent\"", StringComparison.Ordinal));
        Assert.True(main.IndexOf("ev_3c8d", StringComparison.Ordinal) > main.IndexOf("id=\"recent\"", StringComparison.Ordinal));
    }

    [Fact]
    public void AnEmptyDashboardSaysSoAndNamesTheKeyHolder()
    {
        var main = MainOf(Render("Console.Dashboard.Empty"));

        AssertSays(main, "Signed in as <strong>Organiser (key)</strong>", "<p>No upcoming events.</p>", "<p>No events in the last 30 days.</p>");
        AssertLeavesOut(main, "<table");
    }

    [Fact]
    public void ConsolePagesUseThePublicLayoutAndStylesheet()
    {
        var html = Render("Console.Dashboard");

        AssertSays(html, "<link rel=\"stylesheet\" href=\"/assets/site.css\">", "<header class=\"site-header\">", "<title>Console – ");
    }

    [Fact]
    public void TheCheckInPageNamesThePersonAndPostsCheckInWithTheTokenToItself()
    {
        var main = MainOf(Render("Console.CheckIn"));

        AssertSays(main,
            "<h1>Grace Hopper</h1>",
            "<dd>What worked in the missions</dd>",
            "<div><dt>Registration</dt><dd>Confirmed</dd></div>",
            "<div><dt>Checked in</dt><dd>No</dd></div>",
            "<form method=\"post\" action=\"/console/check-in/tok_9c2e\" class=\"form\">",
            TokenField,
            "<input type=\"hidden\" name=\"attended\" value=\"true\">",
            "<button class=\"button\" type=\"submit\">Check in</button>");
        AssertLeavesOut(main, "Undo check-in", "notice--success");
        AssertSays(Render("Console.CheckIn"), "<title>Check in Grace Hopper – ");
    }

    [Fact]
    public void ACheckedInPersonsPageSaysWhenAndOffersOnlyToUndoIt()
    {
        var main = MainOf(Render("Console.CheckIn.Done"));

        AssertSays(main,
            "<p class=\"notice__title\">Checked in at Tuesday 3 March 2026, 6:42pm (London time, UTC)</p>",
            "<input type=\"hidden\" name=\"attended\" value=\"false\">",
            "<button class=\"button button--secondary\" type=\"submit\">Undo check-in</button>");
        AssertLeavesOut(main, ">Check in</button>");
    }

    [Fact]
    public void ACancelledRegistrationHasNoCheckInButton()
    {
        var main = MainOf(Render("Console.CheckIn.Cancelled"));

        AssertSays(main, "<dd>Cancelled</dd>", "<p>Only confirmed registrations can be checked in.</p>");
        AssertLeavesOut(main, "name=\"attended\"");
    }
}
