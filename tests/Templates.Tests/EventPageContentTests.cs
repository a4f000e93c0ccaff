using static GoodThings.Templates.Tests.RenderedPages;

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
}
