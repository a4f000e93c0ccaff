namespace GoodThings.Templates.Tests;

/// <summary>What the home page and each event page say and offer, state by state: availability, the form, its errors.</summary>
public sealed class EventPageContentTests
{
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

        AssertSays(html,
            "<a href=\"/events/net-zero-locally\">Delivering net zero locally: what worked</a>",
            "Tuesday 3 March 2026, 6:30pm to 8pm (London time, UTC)",
            "The Guildhall, Gresham Street, London EC2V 7HH",
            "Manchester Central Library, St Peter&#39;s Square, Manchester M2 5PD, and online",
            ">12 places left<",
            ">Fully booked – join the waitlist<",
            ">Places available<",
            "href=\"/events.ics\"");
    }

    [Fact]
    public void TheHomePageSaysSoWhenNothingIsComing()
    {
        var html = Render("Home.Empty");

        AssertSays(html,
            "There are no events coming up just now.",
            "href=\"/events.ics\"");
        AssertLeavesOut(html, "event-list");
    }

    [Fact]
    public void AnOpenEventHasAFormThatPostsBackWithoutJavaScript()
    {
        var html = Render("Event.Open");

        Assert.Matches("<input [^>]*name=\"organisation\"[^>]*autocomplete=\"organization\"", html);
        Assert.Matches("<textarea [^>]*name=\"accessibilityNeeds\"", html);
        AssertSays(html,
            "<form method=\"post\" action=\"/events/net-zero-locally\"",
            "<button class=\"button\" type=\"submit\">Register</button>",
            "Anything we should arrange for you to take part?",
            "<input class=\"checkbox__input\" type=\"checkbox\" id=\"subscribe\" name=\"subscribe\" value=\"true\" aria-describedby=\"subscribe-hint\">",
            "Send me news of future events (we'll ask you to confirm)");
        AssertLeavesOut(html,
            "aria-invalid",
            "error-summary");
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

        AssertSays(html,
            "<button class=\"button\" type=\"submit\">Join the waitlist</button>",
            "Fully booked – join the waitlist");
    }

    [Theory]
    [InlineData("Event.Closed", "Registration closed", "Registration for this event has closed.")]
    [InlineData("Event.Cancelled", "This event is cancelled", "Our main speaker is unwell")]
    public void AnEventTakingNoRegistrationsSaysWhyInsteadOfShowingTheForm(string sample, params string[] why)
    {
        var html = Render(sample);

        AssertSays(html, why);
        AssertLeavesOut(html, "<form");
    }

    [Theory]
    [InlineData("Event.Open", true)]
    [InlineData("Event.Closed", true)]
    [InlineData("Event.Cancelled", false)]
    public void AnEventOffersItsCalendarFileUnlessItIsCancelled(string sample, bool offered)
    {
        var main = MainOf(Render(sample));

        Assert.Equal(offered, main.Contains("href=\"/events/net-zero-locally.ics\">Add to calendar</a>", StringComparison.Ordinal));
        Assert.Equal(offered, main.Contains(".ics\"", StringComparison.Ordinal));
    }

    [Fact]
    public void AnOnlineEventNeverShowsItsJoinLinkPublicly()
    {
        var html = Render("Event.Online");

        AssertSays(html, "Online: we'll email the joining link to everyone with a place");
        AssertLeavesOut(html, "meet.example.com");
    }

    [Fact]
    public void InvalidInputComesBackWithTheValuesKeptAndTheProblemsListed()
    {
        var html = Render("Event.Invalid");

        AssertSays(html,
            "<h2 id=\"error-summary-title\" class=\"error-summary__title\">There is a problem</h2>",
            "<li><a href=\"#name\">Enter your full name</a></li>\n    <li><a href=\"#email\">",
            "value=\"ada@example\"",
            "value=\"Analytical Engines Ltd\"",
            ">\nA seat near the front, please.\nAnd a hearing loop.</textarea>",
            "name=\"subscribe\" value=\"true\" checked");
        AssertLeavesOut(html, "200 characters or fewer");
    }

    [Fact]
    public void EachInvalidFieldIsMarkedAndDescribedByItsMessage()
    {
        var html = Render("Event.Invalid");

        AssertSays(html,
            "<p class=\"field__error\" id=\"name-error\"><span class=\"visually-hidden\">Error:</span> Enter your full name</p>",
            "required aria-invalid=\"true\" aria-describedby=\"name-error\">",
            "aria-describedby=\"email-hint email-error\" aria-invalid=\"true\">");
        Assert.Equal(2, html.Split("aria-invalid=\"true\"").Length - 1);
    }
}
