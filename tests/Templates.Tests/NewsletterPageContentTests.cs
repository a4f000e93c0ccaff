using static GoodThings.Templates.Tests.RenderedPages;

namespace GoodThings.Templates.Tests;

/// <summary>What the newsletter's pages say and offer, state by state: the links to it, subscribing, confirming, preferences, leaving.</summary>
public sealed class NewsletterPageContentTests
{
    [Fact]
    public void EveryPageLinksToTheNewsletterFromTheHeaderAndFooter()
    {
        var html = Render("NotFound");

        Assert.Contains("<li><a href=\"/subscribe\">Newsletter</a></li>", html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"/subscribe\">Subscribe to the newsletter</a></li>", html, StringComparison.Ordinal);
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

        Assert.Contains("<form method=\"post\" action=\"/subscribe\" class=\"form\" novalidate>", html, StringComparison.Ordinal);
        Assert.Matches("<input [^>]*type=\"email\" id=\"email\" name=\"email\"[^>]*autocomplete=\"email\"[^>]* required", html);
        Assert.Matches("<input [^>]*id=\"name\" name=\"name\"[^>]*autocomplete=\"name\"", html);
        Assert.Contains("<legend class=\"field__label\">Topics (optional)</legend>", html, StringComparison.Ordinal);
        Assert.Contains("<input class=\"checkbox__input\" type=\"checkbox\" id=\"topics\" name=\"topics\" value=\"delivery\">", html, StringComparison.Ordinal);
        Assert.Contains("<label class=\"checkbox__label\" for=\"topics-3\">net zero</label>", html, StringComparison.Ordinal);
        Assert.Contains("Choose none to hear about every new event.", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"text\" id=\"website\" name=\"website\" value=\"\" tabindex=\"-1\" autocomplete=\"off\">", html, StringComparison.Ordinal);
        Assert.Contains("<button class=\"button\" type=\"submit\">Subscribe</button>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WithNoTopicsToOfferTheSubscribeFormLeavesTheQuestionOut()
    {
        var html = Render("Subscribe.NoTopics");

        Assert.DoesNotContain("<fieldset", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"topics\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AnInvalidSubscriptionComesBackWithTheValuesAndTicksKeptAndAnErrorSummaryFirst()
    {
        var html = Render("Subscribe.Invalid");

        Assert.Contains("<title>Error: Subscribe to the newsletter – How to make good things happen</title>", html, StringComparison.Ordinal);
        Assert.StartsWith("<main id=\"main\" class=\"container\" tabindex=\"-1\">\n<div class=\"error-summary\" role=\"alert\"", MainOf(html), StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#email\">Enter an email address in the correct format, like name@example.com</a></li>\n    <li><a href=\"#name\">", html, StringComparison.Ordinal);
        Assert.Contains("value=\"ada@example\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Ada &lt;b&gt;Lovelace&lt;/b&gt;\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"housing\" checked>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"delivery\">", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"email-hint email-error\" aria-invalid=\"true\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ATopicsErrorMarksTheGroupAndLinksToItsFirstCheckbox()
    {
        var html = Render("Subscribe.TooManyTopics");

        Assert.Contains("<li><a href=\"#topics\">Choose at most 20 topics</a></li>", html, StringComparison.Ordinal);
        Assert.Contains("<fieldset class=\"fieldset\" aria-describedby=\"topics-hint topics-error\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheConfirmLinkShowsAButtonThatPostsTheToken()
    {
        var html = Render("ConfirmSubscription");

        Assert.Contains("<form method=\"post\" action=\"/subscribe/confirm?token=tok_3f9a\">", html, StringComparison.Ordinal);
        Assert.Contains("<button class=\"button\" type=\"submit\">Confirm subscription</button>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>ada@example.org</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ASubscribedPersonIsToldWhatTheyWillGetAndWhereToChangeIt()
    {
        var html = Render("Subscribed");

        Assert.Contains("<h1>You're subscribed</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<li>housing</li>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/preferences?token=tok_3f9a\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", MainOf(html), StringComparison.Ordinal);
    }

    [Fact]
    public void TheUnsubscribeLinkShowsAButtonAndOnlyTheButtonPosts()
    {
        var html = Render("Unsubscribe");

        Assert.Contains("<form method=\"post\" action=\"/unsubscribe?token=tok_3f9a\">", html, StringComparison.Ordinal);
        Assert.Contains(">Unsubscribe</button>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/preferences?token=tok_3f9a\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void OnceUnsubscribedThePageSaysSoAndOffersToSubscribeAgain()
    {
        var html = Render("Unsubscribe.Done");

        Assert.Contains("You've unsubscribed", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/subscribe\">Subscribe again</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Preferences", "You're subscribed")]
    [InlineData("Preferences.Pending", "Waiting for you to confirm")]
    [InlineData("Preferences.Unsubscribed", "You're unsubscribed")]
    public void ThePreferencesPageSaysWhetherTheAddressIsSubscribed(string sample, string status)
    {
        var html = Render(sample);

        Assert.Contains($"<p class=\"status__title\">{status}</p>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>ada@example.org</strong>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePreferencesFormKeepsTheChosenTopicsTickedAndOffersAnUnsubscribeButton()
    {
        var html = Render("Preferences");

        Assert.Contains("<form method=\"post\" action=\"/preferences?token=tok_3f9a\" class=\"form\" novalidate>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"email\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Ada Lovelace\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"net zero\" checked>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"delivery\">", html, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\" action=\"/unsubscribe?token=tok_3f9a\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("notice--success", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AfterSavingThePreferencesPageSaysSo()
    {
        var html = Render("Preferences.Saved");

        Assert.Contains("<p class=\"notice__title\">Your preferences are saved</p>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnsubscribedPersonIsOfferedToSubscribeAgainRatherThanToUnsubscribe()
    {
        var html = Render("Preferences.Unsubscribed");

        Assert.Contains("<a href=\"/subscribe\">Subscribe again</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/unsubscribe?", html, StringComparison.Ordinal);
    }
}
