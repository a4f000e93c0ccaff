using System.Globalization;
using GoodThings.Audit;
using GoodThings.CheckIn;
using GoodThings.Tokens;

namespace GoodThings.OrganiserConsole;

/// <summary>Signing in to the console with the management key, the session cookie, anti-forgery and the refusals.</summary>
public sealed class ConsoleAuthTests(ConsoleAppFixture fixture) : IClassFixture<ConsoleAppFixture>
{
    public enum Credential
    {
        NoSession,
        TamperedCookie,
        ExpiredCookie,
        NoAntiForgeryToken,
        AnotherSessionsToken,
    }

    /// <summary>Stands for a good check-in token, made for each case, so a refusal that let the change through would show.</summary>
    private const string CheckInToken = "{check-in-token}";

    /// <summary>Stands for a draft event's id, made for each case, so a refusal that let an edit, publish or cancel through would show.</summary>
    private const string EventId = "{event-id}";

    /// <summary>The event routes, GET pages and POST forms, with {event-id} where they name an event.</summary>
    private static readonly string[] EventPages = ["console/events/new", $"console/events/{EventId}", $"console/events/{EventId}/edit", $"console/events/{EventId}/cancel"];

    private static readonly string[] EventForms = ["console/events/new", $"console/events/{EventId}/edit", $"console/events/{EventId}/publish", $"console/events/{EventId}/cancel"];

    /// <summary>Stand for an event and its confirmed registration, made for each case like the check-in token.</summary>
    private const string PeopleEventId = "{people-event}";
    private const string RegistrationId = "{registration}";

    /// <summary>The pages about an event's people (registrations, door, message): GETs, and POSTs that would change something.</summary>
    private static readonly string[] PeopleGets =
    [
        $"console/events/{PeopleEventId}/registrations", $"console/events/{PeopleEventId}/registrations.csv", $"console/events/{PeopleEventId}/registrations/{RegistrationId}/cancel",
        $"console/events/{PeopleEventId}/door", $"console/events/{PeopleEventId}/message",
    ];

    private static readonly string[] PeoplePosts =
    [
        $"console/events/{PeopleEventId}/registrations/{RegistrationId}/cancel", $"console/events/{PeopleEventId}/registrations/{RegistrationId}/promote",
        $"console/events/{PeopleEventId}/door/{RegistrationId}", $"console/events/{PeopleEventId}/message", $"console/events/{PeopleEventId}/message/send",
    ];

    /// <summary>Stands for a draft campaign made for each case (and an event for the event's audit log), so a forged change would show.</summary>
    private const string CampaignId = "{campaign}";

    private const string AuditEventId = "{audit-event}";

    /// <summary>The audit log and newsletter routes: GETs, and POSTs that would change a campaign.</summary>
    private static readonly string[] NewsPages =
        ["console/audit", $"console/events/{AuditEventId}/audit", "console/newsletter", "console/newsletter/campaigns/new",
         $"console/newsletter/campaigns/{CampaignId}", $"console/newsletter/campaigns/{CampaignId}/preview", $"console/newsletter/campaigns/{CampaignId}/edit"];

    private static readonly string[] NewsPosts =
        ["console/newsletter/campaigns/new", $"console/newsletter/campaigns/{CampaignId}/edit", $"console/newsletter/campaigns/{CampaignId}/test",
         $"console/newsletter/campaigns/{CampaignId}/schedule", $"console/newsletter/campaigns/{CampaignId}/cancel"];

    /// <summary>Every console route × every bad credential, with the refusal it must get.</summary>
    public static TheoryData<string, string, Credential, HttpStatusCode> Refusals()
    {
        var data = new TheoryData<string, string, Credential, HttpStatusCode>();
        foreach (var credential in new[] { Credential.NoSession, Credential.TamperedCookie, Credential.ExpiredCookie })
        {
            data.Add("GET", "console", credential, HttpStatusCode.SeeOther);
            data.Add("POST", "console/sign-out", credential, HttpStatusCode.Unauthorized);
            data.Add("GET", $"console/check-in/{CheckInToken}", credential, HttpStatusCode.SeeOther);
            data.Add("POST", $"console/check-in/{CheckInToken}", credential, HttpStatusCode.Unauthorized);
            // Signing in needs the sign-in page's session (login CSRF): without a good one the form is forged.
            data.Add("POST", "console/sign-in", credential, HttpStatusCode.Forbidden);
            foreach (var page in EventPages)
            {
                data.Add("GET", page, credential, HttpStatusCode.SeeOther);
            }
            foreach (var form in EventForms)
            {
                data.Add("POST", form, credential, HttpStatusCode.Unauthorized);
            }
            foreach (var route in PeopleGets)
            {
                data.Add("GET", route, credential, HttpStatusCode.SeeOther);
            }
            foreach (var route in PeoplePosts)
            {
                data.Add("POST", route, credential, HttpStatusCode.Unauthorized);
            }
            foreach (var route in NewsPages)
            {
                data.Add("GET", route, credential, HttpStatusCode.SeeOther);
            }
            foreach (var route in NewsPosts)
            {
                data.Add("POST", route, credential, HttpStatusCode.Unauthorized);
            }
        }
        foreach (var credential in new[] { Credential.NoAntiForgeryToken, Credential.AnotherSessionsToken })
        {
            foreach (var route in NewsPosts)
            {
                data.Add("POST", route, credential, HttpStatusCode.Forbidden);
            }
            data.Add("POST", "console/sign-out", credential, HttpStatusCode.Forbidden);
            data.Add("POST", $"console/check-in/{CheckInToken}", credential, HttpStatusCode.Forbidden);
            data.Add("POST", "console/sign-in", credential, HttpStatusCode.Forbidden);
            foreach (var form in EventForms)
            {
                data.Add("POST", form, credential, HttpStatusCode.Forbidden);
            }
            foreach (var route in PeoplePosts)
            {
                data.Add("POST", route, credential, HttpStatusCode.Forbidden);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task EachConsoleRouteRefusesABadCredentialAndChangesNothing(string method, string route, Credential credential, HttpStatusCode expected)
    {
        var checkIn = route.Contains(CheckInToken, StringComparison.Ordinal) || route.Contains(PeopleEventId, StringComparison.Ordinal) ? await ConfirmedRegistrationAsync() : default;
        route = route.Replace(CheckInToken, checkIn.Token, StringComparison.Ordinal)
            .Replace(PeopleEventId, checkIn.EventId, StringComparison.Ordinal)
            .Replace(RegistrationId, checkIn.RegistrationId, StringComparison.Ordinal);
        var draft = route.Contains(EventId, StringComparison.Ordinal) || route == "console/events/new" ? await DraftAsync() : default;
        route = route.Replace(EventId, draft.Id, StringComparison.Ordinal);
        var campaign = route.Contains(CampaignId, StringComparison.Ordinal) ? await DraftCampaignAsync() : null;
        route = route.Replace(CampaignId, campaign?.Id, StringComparison.Ordinal);
        var eventId = route.Contains(AuditEventId, StringComparison.Ordinal)
            ? (await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(), publish: false)).GetProperty("id").GetString()
            : null;
        route = route.Replace(AuditEventId, eventId, StringComparison.Ordinal);
        var forgedSubject = $"Forged {Guid.NewGuid():N}";
        using var client = new ConsoleClient(fixture.App);
        var (signedIn, token) = await client.SignInAsync();
        var (preSignIn, preSignInToken) = await client.OpenSignInAsync();
        var (_, otherToken) = await client.SignInAsync();
        var cookie = credential switch
        {
            Credential.NoSession => null,
            Credential.TamperedCookie => ConsoleClient.Tampered(route == "console/sign-in" ? preSignIn : signedIn),
            Credential.ExpiredCookie => client.ExpiredCookie(fixture.Time.GetUtcNow()),
            _ => route == "console/sign-in" ? preSignIn : signedIn,
        };
        var form = new List<KeyValuePair<string, string>> { new("key", fixture.App.FunctionKey), new("attended", "true") };
        // A whole good event form, and what publishing and cancelling take: let through, each would change something.
        var forgedTitle = $"Forged {Guid.NewGuid():N}";
        form.AddRange([
            new("title", forgedTitle), new("timeZone", "Europe/London"), new("startsAt", "2027-07-01T18:30"), new("endsAt", "2027-07-01T20:00"),
            new("format", "inPerson"), new("venueName", "The Library"), new("visibility", "public"), new("action", "save"),
            new("announce", "true"), new("reason", "Forged"),
        ]);
        // Every field the people pages' forms take, too.
        form.AddRange([new("audience", "all"), new("subject", forgedSubject), new("body", "Forged")]);
        // And what the newsletter's forms take.
        form.AddRange([new("emails", "forger@example.test"), new("when", "now")]);
        if (credential != Credential.NoAntiForgeryToken)
        {
            form.Add(new("csrf", credential == Credential.AnotherSessionsToken ? otherToken : route == "console/sign-in" ? preSignInToken : token));
        }

        var response = method == "GET" ? await client.GetAsync(route, cookie) : await client.PostAsync(route, cookie, form);

        Assert.Equal(expected, response.StatusCode);
        Assert.Null(ConsoleClient.SetCookieHeader(response));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        if (expected == HttpStatusCode.SeeOther)
        {
            Assert.Equal($"/console/sign-in?returnUrl={Uri.EscapeDataString("/" + route)}", response.Headers.Location?.OriginalString);
        }
        else
        {
            Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType?.ToString());
            Assert.DoesNotContain("Signed in as", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        // Nothing changed: the signed-in session still works, and the pre-sign-in one is still not signed in.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("console", signedIn)).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await client.GetAsync("console", preSignIn)).StatusCode);
        if (checkIn.EventId is not null)
        {
            var registration = (await EventsApi.RegistrationsAsync(fixture.App, checkIn.EventId)).EnumerateArray().Single(r => r.GetProperty("id").GetString() == checkIn.RegistrationId);
            Assert.Equal(JsonValueKind.Null, registration.GetProperty("checkedInAt").ValueKind);
            Assert.Equal("confirmed", registration.GetProperty("status").GetString());
            var audit = await fixture.App.KeyedClient.GetFromJsonAsync<JsonElement>($"api/manage/events/{checkIn.EventId}/audit");
            Assert.DoesNotContain(audit.GetProperty("items").EnumerateArray(), e => e.GetProperty("action").GetString() != AuditActions.EventCreated && e.GetProperty("action").GetString() != AuditActions.EventPublished);
            Assert.DoesNotContain(registration.GetProperty("name").GetString()!, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        if (draft.Id is not null)
        {
            var stored = await EventsApi.GetManagedAsync(fixture.App, draft.Id);
            Assert.Equal(("draft", draft.Title), (stored.GetProperty("status").GetString(), stored.GetProperty("title").GetString()));
            Assert.DoesNotContain(draft.Title, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var all = await fixture.App.KeyedClient.GetFromJsonAsync<JsonElement>("api/manage/events");
            Assert.DoesNotContain(all.EnumerateArray(), e => e.GetProperty("title").GetString() == forgedTitle);
        }
        if (campaign is not null)
        {
            var after = await Campaigns.CampaignsApi.GetAsync(fixture.App, campaign.Value.Id);
            Assert.Equal(("draft", campaign.Value.Subject), (after.GetProperty("status").GetString(), after.GetProperty("subject").GetString()));
            var logged = await fixture.App.Services.GetRequiredService<Audit.AuditLog>().ListForCampaignAsync(campaign.Value.Id, null, CancellationToken.None);
            Assert.Equal([Audit.AuditActions.CampaignCreated], ((Outcome<Audit.AuditPage>.Ok)logged).Value.Items.Select(e => e.Action));
        }
        if (method == "POST" && route.StartsWith("console/newsletter", StringComparison.Ordinal))
        {
            var campaigns = await fixture.App.KeyedClient.GetFromJsonAsync<JsonElement>("api/manage/campaigns");
            Assert.DoesNotContain(campaigns.EnumerateArray(), c => c.GetProperty("subject").GetString() == forgedSubject);
        }
    }

    /// <summary>A draft event, and its title as the API stored it.</summary>
    private async Task<(string Id, string Title)> DraftAsync()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(startsAt: fixture.Time.GetUtcNow().AddDays(10)), publish: false);
        return (created.GetProperty("id").GetString()!, created.GetProperty("title").GetString()!);
    }

    /// <summary>A draft campaign made through the API: its id and subject.</summary>
    private async Task<(string Id, string Subject)?> DraftCampaignAsync()
    {
        var subject = $"Draft {Guid.NewGuid():N}";
        return (await Campaigns.CampaignsApi.CreateAsync(fixture.App, new { subject, body = "News" }), subject);
    }

    /// <summary>A confirmed registration and a good check-in token for it, signed as the app signs the QR codes' links.</summary>
    private async Task<(string EventId, string RegistrationId, string Token)> ConfirmedRegistrationAsync()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(format: "inPerson", startsAt: fixture.Time.GetUtcNow().AddDays(10)));
        var id = created.GetProperty("id").GetString()!;
        var registrationId = (await EventsApi.RegisteredAsync(fixture.App, created.GetProperty("slug").GetString()!, $"Grace {Guid.NewGuid():N}", EventsApi.Address("grace", id)))
            .GetProperty("registrationId").GetString()!;
        var token = fixture.App.Services.GetRequiredService<TokenService>()
            .Create(CheckInLinks.TokenPurpose, $"{id}.{registrationId}", fixture.Time.GetUtcNow().AddDays(30));
        return (id, registrationId, token);
    }

    [Fact]
    public async Task TheRightKeySetsAStrictHttpOnlyCookieForTheConsoleThatLastsTwelveHours()
    {
        using var client = new ConsoleClient(fixture.App);
        var (cookie, token) = await client.OpenSignInAsync();
        var waits = fixture.Delay.Waits.Count;

        var response = await client.PostAsync("console/sign-in", cookie, [new("csrf", token), new("key", fixture.App.FunctionKey)]);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/console", response.Headers.Location?.OriginalString);
        var setCookie = ConsoleClient.SetCookieHeader(response)!.ToLowerInvariant();
        Assert.Contains("; path=/console", setCookie, StringComparison.Ordinal);
        Assert.Contains("; samesite=strict", setCookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", setCookie, StringComparison.Ordinal);
        // The test site is http://127.0.0.1: the one place a cookie may go without Secure.
        Assert.DoesNotContain("secure", setCookie, StringComparison.Ordinal);
        var expires = DateTimeOffset.Parse(Regex.Match(setCookie, "expires=([^;]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(expires - fixture.Time.GetUtcNow(), TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1), TimeSpan.FromHours(12));
        var session = ConsoleClient.SessionCookie(response)!;
        Assert.NotEqual(cookie, session);
        var dashboard = await client.GetAsync("console", session);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("Signed in as <strong>Organiser (key)</strong>", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(waits, fixture.Delay.Waits.Count);
    }

    [Fact]
    public async Task ASessionEndsAfterTwelveHours()
    {
        using var client = new ConsoleClient(fixture.App);
        var (cookie, _) = await client.SignInAsync();

        fixture.Time.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(2));
        var before = await client.GetAsync("console", cookie);
        fixture.Time.Advance(TimeSpan.FromSeconds(3));
        var after = await client.GetAsync("console", cookie);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, after.StatusCode);
    }

    [Fact]
    public async Task EveryWrongKeyWaitsASecondAndGetsTheSameAnswer()
    {
        using var client = new ConsoleClient(fixture.App);
        var (cookie, token) = await client.OpenSignInAsync("/console");
        var waitsBefore = fixture.Delay.Waits.Count;
        string[] wrongKeys = ["", "wrong", fixture.App.FunctionKey[..^1], fixture.App.FunctionKey + "x", new string('k', 5000), "<script>alert(1)</script>"];

        var answers = new List<(HttpStatusCode Status, string Body, string? Cookie)>();
        foreach (var key in wrongKeys)
        {
            var response = await client.PostAsync("console/sign-in", cookie, [new("csrf", token), new("key", key), new("returnUrl", "/console")]);
            answers.Add((response.StatusCode, await response.Content.ReadAsStringAsync(), ConsoleClient.SetCookieHeader(response)));
        }
        var waitsAfterWrongKeys = fixture.Delay.Waits.Skip(waitsBefore).ToList();
        await client.SignInAsync();

        Assert.All(answers, answer => Assert.Equal((HttpStatusCode.Unauthorized, answers[0].Body, null), answer));
        Assert.Contains("The management key is not right", answers[0].Body, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong", answers[0].Body.Replace("is not right", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(Enumerable.Repeat(TimeSpan.FromSeconds(1), wrongKeys.Length), waitsAfterWrongKeys);
        Assert.Equal(waitsBefore + wrongKeys.Length, fixture.Delay.Waits.Count);
    }

    public static TheoryData<string, string> ReturnUrls => new()
    {
        { "/console/events/ev_1?tab=registrations", "/console/events/ev_1?tab=registrations" },
        { "/", "/" },
        { "//evil.example/console", "/console" },
        { "/\\evil.example", "/console" },
        { "https://evil.example/console", "/console" },
        { "http:/evil.example", "/console" },
        { "javascript:alert(1)", "/console" },
        { "/console\r\nSet-Cookie: x=1", "/console" },
        { " /console/events", "/console" },
        { "", "/console" },
    };

    [Theory]
    [MemberData(nameof(ReturnUrls))]
    public async Task SigningInGoesBackOnlyToALocalPath(string returnUrl, string expected)
    {
        using var client = new ConsoleClient(fixture.App);
        var page = await client.GetAsync($"console/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var html = await page.Content.ReadAsStringAsync();
        var cookie = ConsoleClient.SessionCookie(page)!;

        var response = await client.PostAsync("console/sign-in", cookie, [new("csrf", ConsoleClient.Token(html)), new("key", fixture.App.FunctionKey), new("returnUrl", returnUrl)]);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(expected, response.Headers.Location?.OriginalString);
        Assert.DoesNotContain("evil.example", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnsignedInPageRequestComesBackToItsOwnAddressAfterSigningIn()
    {
        using var client = new ConsoleClient(fixture.App);

        var response = await client.GetAsync("console?view=all");

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/console/sign-in?returnUrl=%2Fconsole%3Fview%3Dall", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task SigningOutClearsTheCookieAndGoesToTheSignInPage()
    {
        using var client = new ConsoleClient(fixture.App);
        var (cookie, token) = await client.SignInAsync();

        var response = await client.PostAsync("console/sign-out", cookie, [new("csrf", token)]);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/console/sign-in", response.Headers.Location?.OriginalString);
        var cleared = ConsoleClient.SetCookieHeader(response)!.ToLowerInvariant();
        Assert.StartsWith("gt-console=;", cleared, StringComparison.Ordinal);
        Assert.Contains("expires=thu, 01 jan 1970", cleared, StringComparison.Ordinal);
        Assert.Contains("; path=/console", cleared, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePlatformPrincipalIsIgnoredUnlessThePlatformSaysItsAuthenticationIsOn()
    {
        using var client = new ConsoleClient(fixture.App);

        var response = await client.GetAsync("console", principal: ConsoleClient.Principal("Mallory", ConsoleAuth.OrganiserRole));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Null(ConsoleClient.SetCookieHeader(response));
    }

    [Fact]
    public async Task TheDashboardListsUpcomingAndRecentEventsDraftsIncludedWithTheirCounts()
    {
        var now = fixture.Time.GetUtcNow();
        var upcoming = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(title: $"Upcoming {Guid.NewGuid():N}", startsAt: now.AddDays(10)));
        var draft = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(title: $"Draft {Guid.NewGuid():N}", startsAt: now.AddDays(20)), publish: false);
        var upcomingId = upcoming.GetProperty("id").GetString()!;
        var ada = await EventsApi.RegisteredAsync(fixture.App, upcoming.GetProperty("slug").GetString()!, "Ada", EventsApi.Address("ada", upcomingId));
        await EventsApi.RegisteredAsync(fixture.App, upcoming.GetProperty("slug").GetString()!, "Bob", EventsApi.Address("bob", upcomingId));
        var checkIn = await fixture.App.KeyedClient.PostAsync($"api/manage/events/{upcomingId}/registrations/{ada.GetProperty("registrationId").GetString()}/check-in", null);
        Assert.True(checkIn.IsSuccessStatusCode);
        using var client = new ConsoleClient(fixture.App);
        var (cookie, _) = await client.SignInAsync();

        var html = await (await client.GetAsync("console", cookie)).Content.ReadAsStringAsync();

        var row = Regex.Match(html, $"<a href=\"/console/events/{upcomingId}\">{upcoming.GetProperty("title").GetString()}</a>.*?</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, html);
        Assert.Contains("<td>Published</td>\n      <td>2</td>\n      <td>0</td>\n      <td>1</td>", row.Value, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/console/events/{draft.GetProperty("id").GetString()}\">{draft.GetProperty("title").GetString()}</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"button\" href=\"/console/events/new\">Create an event</a>", html, StringComparison.Ordinal);

        // Eleven days on, the first has ended: it is among the recent events, and the draft is still upcoming.
        fixture.Time.Advance(TimeSpan.FromDays(11));
        (cookie, _) = await client.SignInAsync();
        html = await (await client.GetAsync("console", cookie)).Content.ReadAsStringAsync();
        var recent = html.IndexOf("id=\"recent\"", StringComparison.Ordinal);
        Assert.True(html.IndexOf($"/console/events/{upcomingId}\"", StringComparison.Ordinal) > recent);
        Assert.InRange(html.IndexOf($"/console/events/{draft.GetProperty("id").GetString()}\"", StringComparison.Ordinal), 0, recent);
    }
}
