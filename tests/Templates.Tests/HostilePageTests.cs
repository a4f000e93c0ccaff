using System.Text.RegularExpressions;

namespace GoodThings.Templates.Tests;

/// <summary>Pages built from the worst a person or an organiser could type.</summary>
internal static class HostilePages
{
    public const string Script = "<script>alert('x')</script>";
    public const string AttributeBreakout = "\" autofocus onfocus=\"alert(1)";
    public const string RightToLeftOverride = "\u202E";
    public static readonly string LongWord = new('W', 10_000);

    public const string HostileMarkdown = """
        # Pwned <script>alert(1)</script>

        [click me](javascript:alert(1)) and [me too](JAVASCRIPT:alert(1)) and <javascript:alert(1)>

        <img src=x onerror=alert(1)> <iframe src="https://evil.example"></iframe>

        [hi](https://example.org){onclick=alert(1)} ![pic](javascript:alert(1))
        """;

    public static readonly EventFacts Event = new(
        Slug: "x\"><script>alert(1)</script>",
        Title: $"{Script} {AttributeBreakout} Talk{RightToLeftOverride}fdp.exe",
        StartsAt: PageSamples.InPerson.StartsAt,
        EndsAt: PageSamples.InPerson.EndsAt,
        TimeZone: "Europe/London",
        Format: EventFormat.Hybrid,
        Venue: new Venue($"{Script} Hall", $"{AttributeBreakout} Street"),
        Summary: $"{Script} {LongWord}");

    public static readonly IReadOnlyDictionary<string, IPageModel> Samples = new Dictionary<string, IPageModel>
    {
        ["Hostile.Home"] = new HomePage([new EventCard(Event, EventAvailability.Open, 5)]),
        ["Hostile.Event"] = new EventPage(Event, EventAvailability.Open)
        {
            Description = HostileMarkdown + "\n\n" + LongWord,
            Speakers = [new EventSpeaker(Script, AttributeBreakout), new EventSpeaker(LongWord, LongWord)],
            Tags = [Script, LongWord],
            Form = new RegistrationForm
            {
                Name = $"{AttributeBreakout}{RightToLeftOverride}",
                Email = $"{Script}@example.org",
                Organisation = LongWord,
                AccessibilityNeeds = $"</textarea>{Script}",
                Errors = [new FieldError(RegistrationFields.Name, Script), new FieldError("nonsense\" onclick=\"x", LongWord)],
            },
        },
        ["Hostile.Invited"] = new EventPage(Event, EventAvailability.Waitlist)
        {
            IsInviteOnly = true,
            Invitation = new InvitationToken("tok\"><script>"),
            Form = new RegistrationForm { Name = Script + RightToLeftOverride, Email = $"{AttributeBreakout}@example.org", Organisation = LongWord },
        },
        ["Hostile.InviteOnly"] = new EventPage(Event, EventAvailability.Open) { IsInviteOnly = true, Description = HostileMarkdown + "\n\n" + LongWord },
        ["Hostile.DeclineInvitation"] = new DeclineInvitationPage(Event, "tok\"><script>", Script + LongWord, Declined: false, CanAccept: true)
        {
            Reason = AttributeBreakout + RightToLeftOverride,
            ReasonError = Script,
        },
        ["Hostile.DeclineInvitation.Done"] = new DeclineInvitationPage(Event with { Title = Event.Title + LongWord }, "tok\"><script>", Script, Declined: true, CanAccept: true),
        ["Hostile.Cancelled"] = new EventPage(Event, EventAvailability.Closed) { IsCancelled = true, CancellationReason = Script + LongWord },
        ["Hostile.Registration"] = new RegistrationPage(Event, "tok\"><script>", Script + LongWord, AttendeeStatus.Waitlisted) { WaitlistPosition = 2, CanCancel = true },
        ["Hostile.Message"] = new MessagePage(Script + LongWord, AttributeBreakout + LongWord),
        ["Hostile.Subscribe"] = new SubscribePage(new SubscriptionForm
        {
            AsksForEmail = true,
            Email = $"{Script}@example.org{AttributeBreakout}",
            Name = $"{AttributeBreakout}{RightToLeftOverride}",
            Topics = [new TopicChoice(Script, true), new TopicChoice(AttributeBreakout, false), new TopicChoice(LongWord, true)],
            Errors = [new FieldError(SubscriptionFields.Topics, Script), new FieldError("nonsense\" onclick=\"x", LongWord)],
        }),
        ["Hostile.ConfirmSubscription"] = new ConfirmSubscriptionPage("tok\"><script>", $"{Script}{LongWord}@example.org"),
        ["Hostile.Subscribed"] = new SubscribedPage("tok\"><script>", $"{Script}@example.org", [Script, LongWord]),
        ["Hostile.Unsubscribe"] = new UnsubscribePage("tok\"><script>", $"{Script}{LongWord}@example.org", Unsubscribed: false),
        ["Hostile.Erase"] = new ErasePage("tok\"><script>", $"{Script}{LongWord}@example.org", Erased: false),
        ["Hostile.Preferences"] = new PreferencesPage("tok\"><script>", $"{Script}{RightToLeftOverride}@example.org", SubscriptionStatus.Subscribed, new SubscriptionForm
        {
            Name = AttributeBreakout + LongWord,
            Topics = [new TopicChoice(Script, true), new TopicChoice(LongWord, false)],
        }),
        ["Hostile.ConsoleSignIn"] = new ConsoleSignInPage("tok\"><script>", "/x\"><script>" + AttributeBreakout + LongWord, WrongKey: true),
        ["Hostile.ConsoleDashboard"] = new ConsoleDashboardPage(
            new ConsoleHeader(Script + AttributeBreakout + RightToLeftOverride + LongWord, "tok\"><script>"),
            [new ConsoleEventRow(Event.Title + LongWord, "/console/events/x%22%3E%3Cscript%3E", Script, Script, 1, 2, 3)],
            [new ConsoleEventRow(AttributeBreakout + Script, "/console/events/y", LongWord, AttributeBreakout, 0, 0, 0)]),
        ["Hostile.ConsoleCheckIn"] = new ConsoleCheckInPage(new ConsoleHeader(Script, "tok\"><script>"), Script + AttributeBreakout + RightToLeftOverride + LongWord,
            Event.Title + LongWord, Script, AttributeBreakout, CanCheckIn: true, CheckedInAt: Script, "/console/check-in/x%22%3E%3Cscript%3E"),
        ["Hostile.ConsoleMessage"] = new ConsoleMessagePage(Script + LongWord, AttributeBreakout + RightToLeftOverride, "/console", Script),
        ["Hostile.ConsoleEventForm"] = new ConsoleEventFormPage(new ConsoleHeader(Script, "tok\"><script>"), new ConsoleEventForm
        {
            Title = Event.Title + LongWord,
            Slug = AttributeBreakout,
            SummaryText = Script,
            Description = HostileMarkdown,
            StartsAt = AttributeBreakout,
            EndsAt = Script,
            TimeZone = Script,
            Format = AttributeBreakout,
            VenueName = Script,
            OnlineLink = "javascript:alert(1)",
            Capacity = Script,
            Tags = Script + LongWord,
            Speakers = Script + "\n" + AttributeBreakout,
            Visibility = Script,
            TimeZones = ["Europe/London", AttributeBreakout],
            Errors = [new FieldError(ConsoleEventFields.Title, Script + LongWord), new FieldError(Script, AttributeBreakout)],
        }, "/console/events/x%22%3E%3Cscript%3E/edit", Script + RightToLeftOverride, "/console/events/x%22%3E%3Cscript%3E")
        {
            IsPreview = true,
            Preview = HostileMarkdown + "\n\n" + LongWord,
        },
        ["Hostile.ConsoleEventHub"] = new ConsoleEventHubPage(new ConsoleHeader(Script, "tok\"><script>"), "x\"><script>", Event.Title + LongWord, "Draft", Script,
            "/events/x%22%3E%3Cscript%3E", 1, 2, 3)
        {
            SummaryText = Script + LongWord,
            Format = AttributeBreakout,
            VenueName = Script,
            VenueAddress = AttributeBreakout,
            Capacity = Script,
            RegistrationCloses = Script,
            Tags = [Script, LongWord],
            Speakers = [new EventSpeaker(Script, AttributeBreakout)],
            CancellationReason = Script,
            Notice = Script,
        },
        ["Hostile.ConsoleCancelEvent"] = new ConsoleCancelEventPage(new ConsoleHeader(Script, "tok\"><script>"), "x\"><script>", Event.Title + LongWord, Script, IsPublished: true, 1, 2,
            new ConsoleCancelForm { Reason = "</textarea>" + Script + LongWord, Errors = [new FieldError(ConsoleCancelForm.ReasonField, Script)] }),
        ["Hostile.ConsoleRegistrations"] = new ConsoleRegistrationsPage(
            new ConsoleHeader(Script, "tok\"><script>"), Event.Title + LongWord, "/console/events/x%22%3E%3Cscript%3E", Script + AttributeBreakout, AttributeBreakout,
            [new ConsoleChoice(AttributeBreakout, Script + RightToLeftOverride, true)],
            [new ConsoleRegistrationRow(Script + LongWord, $"{AttributeBreakout}{RightToLeftOverride}@example.org", Script, 1, Script, Script,
                "/console/events/x%22%3E%3Cscript%3E/registrations/y%22%3E/cancel?q=%22%3E", "/console/events/x%22%3E%3Cscript%3E/registrations/y%22%3E/promote")],
            1, "/console/events/x%22%3E%3Cscript%3E/registrations", "/console/events/x%22%3E%3Cscript%3E/registrations.csv?q=%22%3E&status=",
            "/console/events/x%22%3E%3Cscript%3E/door", "/console/events/x%22%3E%3Cscript%3E/message"),
        ["Hostile.ConsoleCancelRegistration"] = new ConsoleCancelRegistrationPage(new ConsoleHeader(Script, "tok\"><script>"), Event.Title, Script + LongWord,
            $"{AttributeBreakout}{RightToLeftOverride}@example.org", "Confirmed", "/console/events/x%22%3E/registrations/y/cancel", Script + AttributeBreakout, AttributeBreakout,
            "/console/events/x%22%3E/registrations?q=%22%3E"),
        ["Hostile.ConsoleDoor"] = new ConsoleDoorPage(new ConsoleHeader(Script, "tok\"><script>"), Event.Title + LongWord, Script, "/console/events/x%22%3E",
            Script + AttributeBreakout, [new ConsoleDoorRow(Script + RightToLeftOverride + LongWord, AttributeBreakout + "@example.org", Script, "/console/events/x%22%3E/door/y%22%3E")],
            1, 1, "/console/events/x%22%3E/door"),
        ["Hostile.ConsoleCompose"] = new ConsoleComposePage(new ConsoleHeader(Script, "tok\"><script>"), Event.Title + LongWord, "/console/events/x%22%3E",
            "/console/events/x%22%3E/message", "/console/events/x%22%3E/message/send", [new ConsoleChoice(AttributeBreakout, Script + RightToLeftOverride, true)],
            new ConsoleMessageForm
            {
                Subject = Script + AttributeBreakout + RightToLeftOverride,
                Body = HostileMarkdown + "\n\n</textarea><script>alert(1)</script>" + LongWord,
                Audience = AttributeBreakout,
                Errors = [new FieldError("subject", Script), new FieldError("nonsense", LongWord)],
            },
            new ConsoleMessagePreview(Script, Script + AttributeBreakout + LongWord, 3, Script)),
    };
}

public sealed class HostilePageTests
{
    private static readonly TemplateRenderer Renderer = new(Samples.Site);

    public static TheoryData<string> Cases => [.. HostilePages.Samples.Keys];

    /// <summary>Each hostile page with a slug or token in a link, and the link as it must come out: percent-encoded inside its attribute.</summary>
    public static TheoryData<string, string> EscapedLinks => new()
    {
        { "Hostile.Event", "action=\"/events/x%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E\"" },
        { "Hostile.Registration", "action=\"/registrations/tok%22%3E%3Cscript%3E/cancel\"" },
        { "Hostile.Invited", "<input type=\"hidden\" name=\"invitation\" value=\"tok&quot;&gt;&lt;script&gt;\">" },
        { "Hostile.Invited", "href=\"/invitations/tok%22%3E%3Cscript%3E/decline\"" },
        { "Hostile.DeclineInvitation", "action=\"/invitations/tok%22%3E%3Cscript%3E/decline\"" },
        { "Hostile.DeclineInvitation", "href=\"/events/x%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E?invitation=tok%22%3E%3Cscript%3E#register\"" },
        { "Hostile.DeclineInvitation.Done", "href=\"/events/x%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E?invitation=tok%22%3E%3Cscript%3E#register\"" },
        { "Hostile.ConfirmSubscription", "action=\"/subscribe/confirm?token=tok%22%3E%3Cscript%3E\"" },
        { "Hostile.Unsubscribe", "action=\"/unsubscribe?token=tok%22%3E%3Cscript%3E\"" },
        { "Hostile.Preferences", "action=\"/preferences?token=tok%22%3E%3Cscript%3E\"" },
        { "Hostile.Preferences", "href=\"/erase?token=tok%22%3E%3Cscript%3E\"" },
        { "Hostile.Erase", "action=\"/erase?token=tok%22%3E%3Cscript%3E\"" },
        { "Hostile.Subscribed", "href=\"/preferences?token=tok%22%3E%3Cscript%3E\"" },
        { "Hostile.ConsoleEventHub", "action=\"/console/events/x%22%3E%3Cscript%3E/publish\"" },
        { "Hostile.ConsoleEventHub", "href=\"/console/events/x%22%3E%3Cscript%3E/cancel\"" },
        { "Hostile.ConsoleCancelEvent", "action=\"/console/events/x%22%3E%3Cscript%3E/cancel\"" },
        { "Hostile.ConsoleRegistrations", "href=\"/console/events/x%22%3E%3Cscript%3E/registrations/y%22%3E/cancel?q=%22%3E\"" },
        { "Hostile.ConsoleCompose", "<input type=\"hidden\" name=\"subject\" value=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot; autofocus onfocus=&quot;alert(1)\">" },
    };

    private static string Render(string name) => Renderer.RenderPage(HostilePages.Samples[name]);

    [Theory]
    [MemberData(nameof(Cases))]
    public void MarkupFromPeopleIsEscaped(string name)
    {
        var html = Render(name);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void QuotesCannotLeaveAnAttribute(string name)
    {
        var html = Render(name);

        Assert.DoesNotContain("\" autofocus onfocus=\"", html, StringComparison.Ordinal);
        PageSafetyTests.AssertNoEventHandlers(html);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RightToLeftOverridesAreRemoved(string name)
    {
        var html = Render(name);

        Assert.DoesNotContain(HostilePages.RightToLeftOverride, html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TenThousandCharacterValuesRenderWhole(string name)
    {
        var html = Render(name);

        Assert.Contains(HostilePages.LongWord, html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryLinkAndFormAddressIsOnThisSiteOrHttp(string name)
    {
        var html = Render(name);

        var addresses = Regex.Matches(html, "(?:href|src|action)=\"([^\"]*)\"").Select(match => match.Groups[1].Value).ToList();

        Assert.NotEmpty(addresses);
        Assert.All(addresses, address => Assert.Matches("^(/|#|https?://|mailto:)", address));
    }

    [Fact]
    public void MarkdownInADescriptionCarriesNoRawHtml()
    {
        var html = Render("Hostile.Event");

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<iframe", html, StringComparison.OrdinalIgnoreCase);
        PageSafetyTests.AssertNoEventHandlers(html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html, StringComparison.Ordinal);
        Assert.Contains("click me", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AHeadingInADescriptionIsNeverASecondH1()
    {
        var html = Render("Hostile.Event");

        Assert.Single(Regex.Matches(html, "<h1[ >]"));
        Assert.Contains("<h3>Pwned &lt;script&gt;alert(1)&lt;/script&gt;</h3>", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EscapedLinks))]
    public void ASlugOrTokenCannotBreakOutOfALink(string name, string expected)
    {
        var html = Render(name);

        Assert.Contains(expected, html, StringComparison.Ordinal);
    }

    [Fact]
    public void AKeptTopicIsEscapedInTheCheckboxValueAndItsLabel()
    {
        var html = Render("Hostile.Subscribe");

        Assert.Contains("value=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;\" checked>", html, StringComparison.Ordinal);
        Assert.Contains("value=\"&quot; autofocus onfocus=&quot;alert(1)\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"#nonsense", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AClosingTextareaTagInAKeptValueStaysInsideTheTextarea()
    {
        var html = Render("Hostile.Event");

        Assert.Contains("&lt;/textarea&gt;&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AnErrorForAFieldTheFormLacksIsListedWithoutALink()
    {
        var html = Render("Hostile.Event");

        Assert.DoesNotContain("href=\"#nonsense", html, StringComparison.Ordinal);
        Assert.Contains($"<li>{HostilePages.LongWord}</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AJoinLinkThatIsNotHttpIsRefused()
    {
        var model = new RegistrationPage(PageSamples.Online, "tok", "Ada", AttendeeStatus.Confirmed) { JoinUrl = "javascript:alert(1)" };

        var error = Assert.Throws<TemplateException>(() => Renderer.RenderPage(model));

        Assert.Contains("JoinUrl", error.Message, StringComparison.Ordinal);
    }
}
