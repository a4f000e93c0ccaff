using GoodThings.TestSupport.Browser;

namespace GoodThings.Web;

/// <summary>The newsletter's links from its emails through the running app: confirm, unsubscribe and preferences, good and bad.</summary>
[Collection(SubscriptionPagesCollection.Name)]
public sealed class SubscriptionLinksTests(GoodThingsAppFixture fixture, BrowserFixture chromium) : IDisposable
{
    /// <summary>Answers as they are sent, redirects included.</summary>
    private readonly HttpClient _direct = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.App.BaseAddress };

    public void Dispose() => _direct.Dispose();

    private string Url(string path) => new Uri(fixture.App.BaseAddress, path).AbsoluteUri;

    /// <summary>An upcoming event tagged "delivery" and "housing", so the forms offer those topics.</summary>
    private Task<JsonElement> PublishedEventAsync() => EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody());

    private async Task<string> ApiStatusAsync(string manageToken) =>
        (await fixture.App.Client.GetFromJsonAsync<JsonElement>($"api/subscriptions/preferences?token={manageToken}")).GetProperty("status").GetString()!;

    private async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields)
    {
        using var form = new FormUrlEncodedContent(fields);
        return await _direct.PostAsync(path, form);
    }

    [Fact]
    public async Task TheSubscribedPageLeadsToThePreferences()
    {
        var email = await Subscribers.SaveAsync(fixture.App, SubscriberStatus.Pending, name: "Ada");
        await using var page = await chromium.Browser.OpenAsync(Url($"subscribe/confirm?token={Subscribers.Token(fixture.App, SubscriptionService.ConfirmPurpose, email)}"), javaScriptEnabled: false);
        await page.Page.ClickAsync("text=Confirm subscription");

        await page.Page.ClickAsync("text=Choose topics or change your name");

        Assert.Contains("/preferences?token=", page.Page.Url, StringComparison.Ordinal);
        Assert.Contains("You're subscribed", await page.Page.InnerTextAsync(".status"), StringComparison.Ordinal);
        Assert.Equal("Ada", await page.Page.InputValueAsync("#name"));
    }

    [Fact]
    public async Task TheUnsubscribeLinkLeavesThemSubscribedUntilTheyPressUnsubscribe()
    {
        var email = await Subscribers.SaveAsync(fixture.App, SubscriberStatus.Subscribed);
        var token = Subscribers.Token(fixture.App, SubscriptionService.ManagePurpose, email);
        await using var page = await chromium.Browser.OpenAsync(Url($"unsubscribe?token={token}"), javaScriptEnabled: false);
        var afterOpening = await ApiStatusAsync(token);

        await page.Page.ClickAsync("button:has-text('Unsubscribe')");

        Assert.Equal("subscribed", afterOpening);
        Assert.Equal("unsubscribed", await ApiStatusAsync(token));
        Assert.Contains("You've unsubscribed", await page.Page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.Equal(1, await page.Page.Locator("main a[href='/subscribe']").CountAsync());
    }

    /// <summary>Ways a link's token can be bad, given the page's own purpose and the subscriber's address.</summary>
    private static readonly Dictionary<string, Func<FunctionsApp, string, string, string?>> BadTokens = new(StringComparer.Ordinal)
    {
        ["missing"] = (_, _, _) => null,
        ["tampered with"] = (app, purpose, email) => Flip(Subscribers.Token(app, purpose, email), 5),
        ["expired"] = (app, purpose, email) => Subscribers.Token(app, purpose, email, TimeSpan.FromMinutes(-1)),
        ["for the other purpose"] = (app, purpose, email) =>
            Subscribers.Token(app, purpose == SubscriptionService.ConfirmPurpose ? SubscriptionService.ManagePurpose : SubscriptionService.ConfirmPurpose, email),
        ["for an address nobody subscribed"] = (app, purpose, _) => Subscribers.Token(app, purpose, Subscribers.NewAddress("nobody")),
    };

    public static TheoryData<string, string, string> BadTokenCases
    {
        get
        {
            var cases = new TheoryData<string, string, string>();
            foreach (var path in new[] { "subscribe/confirm", "unsubscribe", "preferences" })
            {
                foreach (var method in new[] { "GET", "POST" })
                {
                    foreach (var spoiler in BadTokens.Keys)
                    {
                        cases.Add(method, path, spoiler);
                    }
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(BadTokenCases))]
    public async Task ABadTokenGetsTheNotFoundPageAndChangesNothing(string method, string path, string spoiler)
    {
        var confirming = path == "subscribe/confirm";
        var email = await Subscribers.SaveAsync(fixture.App, confirming ? SubscriberStatus.Pending : SubscriberStatus.Subscribed, name: "Ada");
        var token = BadTokens[spoiler](fixture.App, confirming ? SubscriptionService.ConfirmPurpose : SubscriptionService.ManagePurpose, email);
        var url = token is null ? path : $"{path}?token={token}";

        var response = method == "GET"
            ? await _direct.GetAsync(url)
            : await PostFormAsync(url, new() { ["name"] = "Changed" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Page not found</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unchanged = await Subscribers.GetAsync(fixture.App, email);
        Assert.Equal(confirming ? SubscriberStatus.Pending : SubscriberStatus.Subscribed, unchanged?.Status);
        Assert.Equal("Ada", unchanged?.Name);
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task EverySubscriptionPageAfterAButtonHasNoWcag22AaViolationsAndNoSidewaysScroll(int width)
    {
        await PublishedEventAsync();
        var pending = await Subscribers.SaveAsync(fixture.App, SubscriberStatus.Pending);
        var subscribed = await Subscribers.SaveAsync(fixture.App, SubscriberStatus.Subscribed, topics: ["housing"]);
        var manage = Subscribers.Token(fixture.App, SubscriptionService.ManagePurpose, subscribed);
        (string Path, Func<BrowserPage, Task> Press)[] outcomes =
        [
            ("subscribe", p => p.Page.ClickAsync("button[type=submit]")),
            ("subscribe", async p => { await p.Page.FillAsync("#email", Subscribers.NewAddress("axe")); await p.Page.ClickAsync("button[type=submit]"); }),
            ($"subscribe/confirm?token={Subscribers.Token(fixture.App, SubscriptionService.ConfirmPurpose, pending)}", p => p.Page.ClickAsync("text=Confirm subscription")),
            ($"preferences?token={manage}", async p => { await p.Page.FillAsync("#name", "<b>"); await p.Page.ClickAsync("text=Save preferences"); }),
            ($"preferences?token={manage}", p => p.Page.ClickAsync("text=Save preferences")),
            ($"unsubscribe?token={manage}", p => p.Page.ClickAsync("button:has-text('Unsubscribe')")),
        ];

        foreach (var (path, press) in outcomes)
        {
            await using var page = await chromium.Browser.OpenAsync(Url(path), width);
            await press(page);
            var report = await page.CheckAccessibilityAsync();
            Assert.True(report.Passed, $"{page.Page.Url}: {report.Describe()}");
            Assert.True(await page.ScrollWidthAsync() <= width, $"{page.Page.Url} scrolls sideways at {width}px");
        }
    }

    private static string Flip(string token, int index) =>
        string.Concat(token.AsSpan(0, index), token[index] == 'A' ? "B" : "A", token.AsSpan(index + 1));
}
