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
}
