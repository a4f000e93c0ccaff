namespace GoodThings.Templates.Tests;

/// <summary>What the newsletter's pages say and offer, state by state: the links to it, subscribing, confirming, preferences, leaving.</summary>
public sealed class NewsletterPageContentTests
{
    [Fact]
    public void EveryPageLinksToTheNewsletterFromTheHeaderAndFooter()
    {
        var html = Render("NotFound");

        AssertSays(html,
            "<li><a href=\"/subscribe\">Newsletter</a></li>",
            "<li><a href=\"/subscribe\">Subscribe to the newsletter</a></li>");
    }

    [Fact]
    public void TheHomePageOffersTheNewsletterAboveTheEvents()
    {
        var main = MainOf(Render("Home"));

        Assert.True(
            main.IndexOf("<a href=\"/subscribe\">subscribe to the newsletter</a>", StringComparison.Ordinal) is >= 0 and var link
            && link < main.IndexOf("event-list", StringComparison.Ordinal));
    }

    [Fact]
    public void TheSubscribeFormPostsWithoutJavaScriptAndOffersEachTopicAsACheckbox()
    {
        var html = Render("Subscribe");

        AssertSays(html,
            "<form method=\"post\" action=\"/subscribe\" class=\"form\" novalidate>",
            "<legend class=\"field__label\">Topics (optional)</legend>",
            "<input class=\"checkbox__input\" type=\"checkbox\" id=\"topics\" name=\"topics\" value=\"delivery\">",
            "<label class=\"checkbox__label\" for=\"topics-3\">net zero</label>",
            "Choose none to hear about every new event.",
            "<input type=\"text\" id=\"website\" name=\"website\" value=\"\" tabindex=\"-1\" autocomplete=\"off\">",
            "<button class=\"button\" type=\"submit\">Subscribe</button>");
    }

    [Fact]
    public void WithNoTopicsToOfferTheSubscribeFormLeavesTheQuestionOut()
    {
        var html = Render("Subscribe.NoTopics");

        AssertLeavesOut(html,
            "<fieldset",
            "name=\"topics\"");
    }

    [Fact]
    public void AnInvalidSubscriptionComesBackWithTheValuesAndTicksKeptAndTheProblemsListed()
    {
        var html = Render("Subscribe.Invalid");

        AssertSays(html,
            "<li><a href=\"#email\">Enter an email address in the correct format, like name@example.com</a></li>\n    <li><a href=\"#name\">",
            "value=\"ada@example\"",
            "value=\"Ada &lt;b&gt;Lovelace&lt;/b&gt;\"",
            "value=\"housing\" checked>",
            "value=\"delivery\">",
            "aria-describedby=\"email-hint email-error\" aria-invalid=\"true\">");
    }

    [Fact]
    public void ATopicsErrorMarksTheGroupAndLinksToItsFirstCheckbox()
    {
        var html = Render("Subscribe.TooManyTopics");

        AssertSays(html,
            "<li><a href=\"#topics\">Choose at most 20 topics</a></li>",
            "<fieldset class=\"fieldset\" aria-describedby=\"topics-hint topics-error\">");
    }

    [Fact]
    public void TheConfirmLinkShowsAButtonThatPostsTheToken()
    {
        var html = Render("ConfirmSubscription");

        AssertSays(html,
            "<form method=\"post\" action=\"/subscribe/confirm?token=tok_3f9a\">",
            "<button class=\"button\" type=\"submit\">Confirm subscription</button>",
            "<strong>ada@example.org</strong>");
    }

    [Fact]
    public void ASubscribedPersonIsToldWhatTheyWillGetAndWhereToChangeIt()
    {
        var html = Render("Subscribed");

        AssertSays(html,
            "<h1>You're subscribed</h1>",
            "<li>housing</li>",
            "href=\"/preferences?token=tok_3f9a\"");
        AssertLeavesOut(MainOf(html), "<form");
    }

    [Fact]
    public void TheUnsubscribeLinkShowsAButtonAndOnlyTheButtonPosts()
    {
        var html = Render("Unsubscribe");

        AssertSays(html,
            "<form method=\"post\" action=\"/unsubscribe?token=tok_3f9a\">",
            ">Unsubscribe</button>",
            "href=\"/preferences?token=tok_3f9a\"");
    }

    [Fact]
    public void OnceUnsubscribedThePageSaysSoAndOffersToSubscribeAgain()
    {
        var html = Render("Unsubscribe.Done");

        AssertSays(html,
            "You've unsubscribed",
            "<a href=\"/subscribe\">Subscribe again</a>");
        AssertLeavesOut(html, "<form");
    }

    [Theory]
    [InlineData("Preferences", "You're subscribed")]
    [InlineData("Preferences.Pending", "Waiting for you to confirm")]
    [InlineData("Preferences.Unsubscribed", "You're unsubscribed")]
    public void ThePreferencesPageSaysWhetherTheAddressIsSubscribed(string sample, string status)
    {
        var html = Render(sample);

        AssertSays(html,
            $"<p class=\"status__title\">{status}</p>",
            "<strong>ada@example.org</strong>");
    }

    [Fact]
    public void ThePreferencesFormKeepsTheChosenTopicsTickedAndOffersAnUnsubscribeButton()
    {
        var html = Render("Preferences");

        AssertSays(html,
            "<form method=\"post\" action=\"/preferences?token=tok_3f9a\" class=\"form\" novalidate>",
            "value=\"Ada Lovelace\"",
            "value=\"net zero\" checked>",
            "value=\"delivery\">",
            "<form method=\"post\" action=\"/unsubscribe?token=tok_3f9a\">");
        AssertLeavesOut(html,
            "id=\"email\"",
            "notice--success");
    }

    [Theory]
    [InlineData("Preferences")]
    [InlineData("Preferences.Pending")]
    [InlineData("Preferences.Unsubscribed")]
    public void ThePreferencesPageLinksToDownloadAndToEraseTheData(string sample)
    {
        var html = Render(sample);

        AssertSays(html,
            "<a class=\"button button--secondary\" href=\"/api/subscriptions/export?token=tok_3f9a\" download>Download your data</a>",
            "<a class=\"button button--secondary\" href=\"/erase?token=tok_3f9a\">Erase your data</a>");
    }

    [Fact]
    public void TheEraseLinkSaysWhatErasureDoesAndOnlyTheButtonErases()
    {
        var html = Render("Erase");

        AssertSays(html,
            "<strong>ada@example.org</strong>",
            "goes to the next person on the waitlist",
            "This can't be undone",
            "<form method=\"post\" action=\"/erase?token=tok_3f9a\">",
            ">Erase my data</button>",
            "href=\"/api/subscriptions/export?token=tok_3f9a\" download>download your data</a>");
    }

    [Fact]
    public void OnceErasedThePageSaysSoAndOffersNothingToPress()
    {
        var html = Render("Erase.Done");

        AssertSays(html,
            "<h1>Your data has been erased</h1>",
            "never send you the newsletter again");
        AssertLeavesOut(MainOf(html), "<form", "token=");
    }

    [Fact]
    public void AfterSavingThePreferencesPageSaysSo()
    {
        var html = Render("Preferences.Saved");

        AssertSays(html, "<p class=\"notice__title\">Your preferences are saved</p>");
    }

    [Fact]
    public void AnUnsubscribedPersonIsOfferedToSubscribeAgainRatherThanToUnsubscribe()
    {
        var html = Render("Preferences.Unsubscribed");

        AssertSays(html, "<a href=\"/subscribe\">Subscribe again</a>");
        AssertLeavesOut(html, "/unsubscribe?");
    }
}
