using GoodThings.Templates.Pages;

namespace GoodThings.Templates.Tests;

/// <summary>What each page says and offers, state by state.</summary>
public sealed class PageContentTests
{
    private static readonly TemplateRenderer Renderer = new(Samples.Site);

    private static string Render(string sample) => Renderer.RenderPage(PageSamples.Pages[sample]);

    private static string MainOf(string html) =>
        html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];

    [Theory]
    [InlineData(EventAvailability.Open, null, "Places available")]
    [InlineData(EventAvailability.Open, 12, "12 places left")]
    [InlineData(EventAvailability.Open, 1, "1 place left")]
    [InlineData(EventAvailability.Waitlist, 0, "Fully booked – join the waitlist")]
    [InlineData(EventAvailability.Closed, 4, "Registration closed")]
    public void AvailabilityIsSaidInWords(EventAvailability availability, int? placesLeft, string expected)
    {
        Assert.Equal(expected, new EventCard(PageSamples.InPerson, availability, placesLeft).AvailabilityLabel);
    }

    [Fact]
    public void TheHomePageListsEachEventWithALinkWhenWhereAndAvailability()
    {
        var html = Render("Home");

        Assert.Contains("<a href=\"/events/net-zero-locally\">Delivering net zero locally: what worked</a>", html, StringComparison.Ordinal);
        Assert.Contains("Tuesday 3 March 2026, 6:30pm to 8pm (London time, UTC)", html, StringComparison.Ordinal);
        Assert.Contains("The Guildhall, Gresham Street, London EC2V 7HH", html, StringComparison.Ordinal);
        Assert.Contains("Manchester Central Library, St Peter&#39;s Square, Manchester M2 5PD, and online", html, StringComparison.Ordinal);
        Assert.Contains(">12 places left<", html, StringComparison.Ordinal);
        Assert.Contains(">Fully booked – join the waitlist<", html, StringComparison.Ordinal);
        Assert.Contains(">Places available<", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/events.ics\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHomePageSaysSoWhenNothingIsComing()
    {
        var html = Render("Home.Empty");

        Assert.Contains("There are no events coming up just now.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("event-list", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/events.ics\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOpenEventHasAFormThatPostsBackWithoutJavaScript()
    {
        var html = Render("Event.Open");

        Assert.Contains("<form method=\"post\" action=\"/events/net-zero-locally\"", html, StringComparison.Ordinal);
        Assert.Contains("<button class=\"button\" type=\"submit\">Register</button>", html, StringComparison.Ordinal);
        Assert.Matches("<input [^>]*id=\"name\" name=\"name\"[^>]*autocomplete=\"name\"[^>]* required", html);
        Assert.Matches("<input [^>]*type=\"email\" id=\"email\" name=\"email\"[^>]*autocomplete=\"email\"[^>]* required", html);
        Assert.Matches("<input [^>]*name=\"organisation\"[^>]*autocomplete=\"organization\"", html);
        Assert.Matches("<textarea [^>]*name=\"accessibilityNeeds\"", html);
        Assert.Contains("Anything we should arrange for you to take part?", html, StringComparison.Ordinal);
        Assert.Contains("<input class=\"checkbox__input\" type=\"checkbox\" id=\"subscribe\" name=\"subscribe\" value=\"true\" aria-describedby=\"subscribe-hint\">", html, StringComparison.Ordinal);
        Assert.Contains("Send me news of future events (we'll ask you to confirm)", html, StringComparison.Ordinal);
        Assert.DoesNotContain("aria-invalid", html, StringComparison.Ordinal);
        Assert.DoesNotContain("error-summary", html, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryFieldHasALabel()
    {
        var html = Render("Event.Open");

        var ids = System.Text.RegularExpressions.Regex.Matches(html, "<(?:input|textarea)[^>]* id=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();

        Assert.Equal([.. RegistrationFields.All.Order(), RegistrationFields.Honeypot], ids.Order());
        Assert.All(ids, id => Assert.Contains($"<label class=\"field__label\" for=\"{id}\">", html.Replace("<label class=\"checkbox__label\"", "<label class=\"field__label\"", StringComparison.Ordinal).Replace("<label for=\"website\">", "<label class=\"field__label\" for=\"website\">", StringComparison.Ordinal), StringComparison.Ordinal));
    }

    [Fact]
    public void TheHoneypotIsHiddenFromPeopleKeyboardsAndScreenReaders()
    {
        var html = Render("Event.Open");

        Assert.Contains("""
            <div class="visually-hidden" aria-hidden="true">
                  <label for="website">Leave this field empty</label>
                  <input type="text" id="website" name="website" value="" tabindex="-1" autocomplete="off">
            """.ReplaceLineEndings("\n"), html, StringComparison.Ordinal);
    }

    [Fact]
    public void AFullEventOffersTheWaitlist()
    {
        var html = Render("Event.Waitlist");

        Assert.Contains("<button class=\"button\" type=\"submit\">Join the waitlist</button>", html, StringComparison.Ordinal);
        Assert.Contains("Fully booked – join the waitlist", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AClosedEventSaysSoInsteadOfShowingTheForm()
    {
        var html = Render("Event.Closed");

        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
        Assert.Contains("Registration for this event has closed.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/events/net-zero-locally.ics\">Add to calendar</a>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ACancelledEventSaysWhyAndOffersNoFormOrCalendar()
    {
        var html = Render("Event.Cancelled");

        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
        Assert.DoesNotContain(".ics\"", MainOf(html), StringComparison.Ordinal);
        Assert.Contains("This event is cancelled", html, StringComparison.Ordinal);
        Assert.Contains("Our main speaker is unwell", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AnOnlineEventNeverShowsItsJoinLinkPublicly()
    {
        var html = Render("Event.Online");

        Assert.Contains("Online: we'll email the joining link to everyone with a place", html, StringComparison.Ordinal);
        Assert.DoesNotContain("meet.example.com", html, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidInputComesBackWithTheValuesKeptAndAnErrorSummaryFirst()
    {
        var html = Render("Event.Invalid");

        Assert.Contains("<title>Error: Delivering net zero locally: what worked – How to make good things happen</title>", html, StringComparison.Ordinal);
        Assert.StartsWith("<main id=\"main\" class=\"container\" tabindex=\"-1\">\n<div class=\"error-summary\" role=\"alert\"", MainOf(html), StringComparison.Ordinal);
        Assert.Contains("<h2 id=\"error-summary-title\" class=\"error-summary__title\">There is a problem</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#name\">Enter your full name</a></li>\n    <li><a href=\"#email\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("200 characters or fewer", html, StringComparison.Ordinal);
        Assert.Contains("value=\"ada@example\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Analytical Engines Ltd\"", html, StringComparison.Ordinal);
        Assert.Contains(">\nA seat near the front, please.\nAnd a hearing loop.</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"subscribe\" value=\"true\" checked", html, StringComparison.Ordinal);
    }

    [Fact]
    public void EachInvalidFieldIsMarkedAndDescribedByItsMessage()
    {
        var html = Render("Event.Invalid");

        Assert.Contains("<p class=\"field__error\" id=\"name-error\"><span class=\"visually-hidden\">Error:</span> Enter your full name</p>", html, StringComparison.Ordinal);
        Assert.Contains("required aria-invalid=\"true\" aria-describedby=\"name-error\">", html, StringComparison.Ordinal);
        Assert.Contains("aria-describedby=\"email-hint email-error\" aria-invalid=\"true\">", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("aria-invalid=\"true\"").Length - 1);
    }

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
