using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GoodThings.Subscriptions;
using GoodThings.TestSupport;
using GoodThings.TestSupport.Browser;
using GoodThings.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GoodThings.Web;

/// <summary>Subscribers arranged straight in the app's store, and the signed links their emails would carry.</summary>
internal static class Subscribers
{
    /// <summary>The request a pending subscriber saved here awaits; confirm links made here name it.</summary>
    private const string Nonce = "arranged";

    public static string NewAddress(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    /// <returns>The new subscriber's address.</returns>
    public static async Task<string> SaveAsync(FunctionsApp app, SubscriberStatus status, string? name = null, IReadOnlyList<string>? topics = null)
    {
        var email = NewAddress("subscriber");
        await app.Services.GetRequiredService<SubscriberStore>().SaveAsync(
            new SubscriberRecord
            {
                Key = SubscriberStore.KeyOf(email),
                Email = email,
                Name = name,
                Topics = topics ?? [],
                Status = status,
                RequestedAt = DateTimeOffset.UtcNow,
                RequestSource = SubscriptionSources.Form,
                ConfirmationNonce = status == SubscriberStatus.Pending ? Nonce : null,
            },
            previous: null,
            CancellationToken.None);
        return email;
    }

    public static async Task<SubscriberRecord?> GetAsync(FunctionsApp app, string email) =>
        (await app.Services.GetRequiredService<SubscriberStore>().GetAsync(SubscriberStore.KeyOf(email), CancellationToken.None))?.Subscriber;

    /// <param name="purpose"><see cref="SubscriptionService.ConfirmPurpose"/> or <see cref="SubscriptionService.ManagePurpose"/>.</param>
    public static string Token(FunctionsApp app, string purpose, string email, TimeSpan? lifetime = null) =>
        app.Services.GetRequiredService<TokenService>().Create(
            purpose,
            purpose == SubscriptionService.ConfirmPurpose ? $"{SubscriberStore.KeyOf(email)}.{Nonce}" : SubscriberStore.KeyOf(email),
            DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromDays(1)));
}

/// <summary>The newsletter's pages through the running app: forms without JavaScript, links from the emails, bad links.</summary>
public sealed partial class SubscriptionPagesTests(GoodThingsAppFixture fixture, BrowserFixture chromium) : IClassFixture<GoodThingsAppFixture>, IClassFixture<BrowserFixture>, IDisposable
{
    /// <summary>Answers as they are sent, redirects included.</summary>
    private readonly HttpClient _direct = new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.App.BaseAddress };

    public void Dispose() => _direct.Dispose();

    private string Url(string path) => new Uri(fixture.App.BaseAddress, path).AbsoluteUri;

    /// <summary>An upcoming event tagged "delivery" and "housing", so the forms offer those topics.</summary>
    private Task<JsonElement> PublishedEventAsync() => EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody());

    private async Task<SendGridCall> ConfirmationEmailAsync(string email)
    {
        var emails = await fixture.SendGrid.WaitForAcceptedAsync(1, where: c => c.Recipients.Contains(email) && c.Kind() == SubscriptionEmails.Confirm);
        Assert.True(emails.Count > 0, $"no confirmation reached {email}");
        return emails[0];
    }

    private async Task<string> ApiStatusAsync(string manageToken) =>
        (await fixture.App.Client.GetFromJsonAsync<JsonElement>($"api/subscriptions/preferences?token={manageToken}")).GetProperty("status").GetString()!;

    private async Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> fields)
    {
        using var form = new FormUrlEncodedContent(fields);
        return await _direct.PostAsync(path, form);
    }

    [Fact]
    public async Task SubscribingThroughTheFormAndPressingConfirmInTheEmailSubscribes()
    {
        await PublishedEventAsync();
        var email = Subscribers.NewAddress("form");
        await using var page = await chromium.Browser.OpenAsync(Url("subscribe"), javaScriptEnabled: false);

        await page.Page.FillAsync("#email", email);
        await page.Page.FillAsync("#name", "Ada Lovelace");
        await page.Page.CheckAsync("input[name=topics][value=housing]");
        await page.Page.ClickAsync("button[type=submit]");
        var checkEmail = await page.Page.InnerTextAsync("main");
        var link = ConfirmLink().Match((await ConfirmationEmailAsync(email)).Text());
        await page.Page.GotoAsync(Url(link.Value));
        var afterOpening = await Subscribers.GetAsync(fixture.App, email);
        await page.Page.ClickAsync("text=Confirm subscription");

        Assert.Contains("Check your email", checkEmail, StringComparison.Ordinal);
        Assert.True(link.Success, "the confirmation email carries no confirm link");
        Assert.Equal(SubscriberStatus.Pending, afterOpening?.Status);
        Assert.Contains("You're subscribed", await page.Page.InnerTextAsync("main"), StringComparison.Ordinal);
        var subscriber = await Subscribers.GetAsync(fixture.App, email);
        Assert.Equal(SubscriberStatus.Subscribed, subscriber?.Status);
        Assert.Equal("Ada Lovelace", subscriber?.Name);
        Assert.Equal(["housing"], subscriber?.Topics);
        Assert.Equal(SubscriptionSources.Form, subscriber?.Consent?.Source);
        Assert.False(string.IsNullOrEmpty(subscriber?.Consent?.IpAddress));
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

    [Fact]
    public async Task AnInvalidSubscriptionComesBackWithErrorsAndTheValuesAndTicksKept()
    {
        await PublishedEventAsync();
        await using var page = await chromium.Browser.OpenAsync(Url("subscribe"), javaScriptEnabled: false);

        await page.Page.FillAsync("#email", "ada@");
        await page.Page.FillAsync("#name", "Ada Lovelace");
        await page.Page.CheckAsync("input[name=topics][value=housing]");
        await page.Page.ClickAsync("button[type=submit]");

        Assert.Equal(Url("subscribe"), page.Page.Url);
        var main = await page.Page.InnerTextAsync("main");
        Assert.Contains("There is a problem", main, StringComparison.Ordinal);
        Assert.Contains("Enter an email address in the correct format", main, StringComparison.Ordinal);
        Assert.Equal("ada@", await page.Page.InputValueAsync("#email"));
        Assert.Equal("Ada Lovelace", await page.Page.InputValueAsync("#name"));
        Assert.True(await page.Page.IsCheckedAsync("input[name=topics][value=housing]"));
        Assert.False(await page.Page.IsCheckedAsync("input[name=topics][value=delivery]"));
        Assert.Equal("true", await page.Page.GetAttributeAsync("#email", "aria-invalid"));
    }

    [Fact]
    public async Task AnInvalidSubscriptionIsABadRequestThatStoresAndSendsNothing()
    {
        var email = Subscribers.NewAddress("invalid");

        var response = await PostFormAsync("subscribe", new() { ["email"] = email, ["name"] = "<b>Ada</b>" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Name must not contain HTML tags", html, StringComparison.Ordinal);
        Assert.Contains("value=\"&lt;b&gt;Ada&lt;/b&gt;\"", html, StringComparison.Ordinal);
        await SubscriptionsApi.SettleAsync(fixture);
        Assert.Null(await Subscribers.GetAsync(fixture.App, email));
        Assert.Empty(fixture.SendGrid.Calls.To(email));
    }

    [Fact]
    public async Task AFilledHoneypotIsAnsweredAsAPersonWouldBeAndStoresAndSendsNothing()
    {
        var email = Subscribers.NewAddress("bot");

        var response = await PostFormAsync("subscribe", new() { ["email"] = email, ["name"] = "Bot", ["website"] = "http://spam.example" });

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/subscribe/check-email", response.Headers.Location?.OriginalString);
        await SubscriptionsApi.SettleAsync(fixture);
        Assert.Null(await Subscribers.GetAsync(fixture.App, email));
        Assert.Empty(fixture.SendGrid.Calls.To(email));
    }

    [Fact]
    public async Task EverySubscribeGetsTheSameAnswerWhetherTheAddressIsNewPendingOrSubscribed()
    {
        string[] addresses =
        [
            Subscribers.NewAddress("new"),
            await Subscribers.SaveAsync(fixture.App, SubscriberStatus.Pending),
            await Subscribers.SaveAsync(fixture.App, SubscriberStatus.Subscribed),
        ];

        var answers = new List<string>();
        foreach (var email in addresses)
        {
            var response = await PostFormAsync("subscribe", new() { ["email"] = email });
            answers.Add($"{(int)response.StatusCode} {response.Headers.Location} {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(["303 /subscribe/check-email "], answers.Distinct());
    }

    [Fact]
    public async Task TickingTheNewsletterBoxWhenRegisteringSendsOneConfirmationToThatAddress()
    {
        var slug = (await PublishedEventAsync()).GetProperty("slug").GetString()!;
        var email = Subscribers.NewAddress("register");
        await using var page = await chromium.Browser.OpenAsync(Url($"events/{slug}"), javaScriptEnabled: false);

        await page.Page.FillAsync("#name", "Grace Hopper");
        await page.Page.FillAsync("#email", email);
        await page.Page.CheckAsync("#subscribe");
        await page.Page.ClickAsync("button[type=submit]");

        await ConfirmationEmailAsync(email);
        await SubscriptionsApi.SettleAsync(fixture);
        Assert.Single(fixture.SendGrid.Accepted.To(email), c => c.Kind() == SubscriptionEmails.Confirm);
        var subscriber = await Subscribers.GetAsync(fixture.App, email);
        Assert.Equal(SubscriberStatus.Pending, subscriber?.Status);
        Assert.Equal(SubscriptionSources.Registration, subscriber?.RequestSource);
    }

    [Fact]
    public async Task LeavingTheNewsletterBoxUntickedWhenRegisteringAsksNothing()
    {
        var slug = (await PublishedEventAsync()).GetProperty("slug").GetString()!;
        var email = Subscribers.NewAddress("register");
        await using var page = await chromium.Browser.OpenAsync(Url($"events/{slug}"), javaScriptEnabled: false);

        await page.Page.FillAsync("#name", "Grace Hopper");
        await page.Page.FillAsync("#email", email);
        await page.Page.ClickAsync("button[type=submit]");

        await fixture.SendGrid.WaitForAcceptedAsync(1, where: c => c.Recipients.Contains(email));
        await SubscriptionsApi.SettleAsync(fixture);
        Assert.DoesNotContain(fixture.SendGrid.Calls.To(email), c => c.Kind() == SubscriptionEmails.Confirm);
        Assert.Null(await Subscribers.GetAsync(fixture.App, email));
    }

    [Fact]
    public async Task SavingPreferencesThroughTheFormComesBackWithASavedNoticeAndTheNewTicks()
    {
        await PublishedEventAsync();
        var email = await Subscribers.SaveAsync(fixture.App, SubscriberStatus.Subscribed, name: "Ada", topics: ["delivery"]);
        var token = Subscribers.Token(fixture.App, SubscriptionService.ManagePurpose, email);
        await using var page = await chromium.Browser.OpenAsync(Url($"preferences?token={token}"), javaScriptEnabled: false);

        await page.Page.FillAsync("#name", "Ada Lovelace");
        await page.Page.UncheckAsync("input[name=topics][value=delivery]");
        await page.Page.CheckAsync("input[name=topics][value=housing]");
        await page.Page.ClickAsync("text=Save preferences");

        Assert.EndsWith("&saved=1", page.Page.Url, StringComparison.Ordinal);
        Assert.Contains("Your preferences are saved", await page.Page.InnerTextAsync("main"), StringComparison.Ordinal);
        Assert.True(await page.Page.IsCheckedAsync("input[name=topics][value=housing]"));
        Assert.False(await page.Page.IsCheckedAsync("input[name=topics][value=delivery]"));
        var saved = await fixture.App.Client.GetFromJsonAsync<JsonElement>($"api/subscriptions/preferences?token={token}");
        Assert.Equal("Ada Lovelace", saved.GetProperty("name").GetString());
        Assert.Equal(["housing"], saved.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("subscribed", saved.GetProperty("status").GetString());
    }

    [Fact]
    public async Task InvalidPreferencesComeBackWithErrorsAndTheValuesKeptAndChangeNothing()
    {
        await PublishedEventAsync();
        var email = await Subscribers.SaveAsync(fixture.App, SubscriberStatus.Subscribed, name: "Ada", topics: ["delivery"]);
        var token = Subscribers.Token(fixture.App, SubscriptionService.ManagePurpose, email);
        await using var page = await chromium.Browser.OpenAsync(Url($"preferences?token={token}"), javaScriptEnabled: false);

        await page.Page.FillAsync("#name", "<b>Ada</b>");
        await page.Page.CheckAsync("input[name=topics][value=housing]");
        await page.Page.ClickAsync("text=Save preferences");

        Assert.Equal(Url($"preferences?token={token}"), page.Page.Url);
        Assert.Contains("Name must not contain HTML tags", await page.Page.InnerTextAsync(".error-summary"), StringComparison.Ordinal);
        Assert.Equal("<b>Ada</b>", await page.Page.InputValueAsync("#name"));
        Assert.True(await page.Page.IsCheckedAsync("input[name=topics][value=housing]"));
        Assert.True(await page.Page.IsCheckedAsync("input[name=topics][value=delivery]"));
        var unchanged = await Subscribers.GetAsync(fixture.App, email);
        Assert.Equal("Ada", unchanged?.Name);
        Assert.Equal(["delivery"], unchanged?.Topics);
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

    [GeneratedRegex(@"/subscribe/confirm\?token=[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+")]
    private static partial Regex ConfirmLink();
}
