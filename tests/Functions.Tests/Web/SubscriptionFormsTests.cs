using GoodThings.TestSupport.Browser;

namespace GoodThings.Web;

/// <summary>The newsletter's forms through the running app, without JavaScript: subscribing, the box on the registration form, preferences.</summary>
[Collection(SubscriptionPagesCollection.Name)]
public sealed partial class SubscriptionFormsTests(GoodThingsAppFixture fixture, BrowserFixture chromium) : IDisposable
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

    /// <summary>An upcoming event's topics on offer, and Ada subscribed to "delivery": her address and manage token.</summary>
    private async Task<(string Email, string Token)> AdaSubscribedToDeliveryAsync()
    {
        await PublishedEventAsync();
        var email = await Subscribers.SaveAsync(fixture.App, SubscriberStatus.Subscribed, name: "Ada", topics: ["delivery"]);
        return (email, Subscribers.Token(fixture.App, SubscriptionService.ManagePurpose, email));
    }

    /// <summary>Grace registers for a new event through its page's form, ticking the newsletter box or not: her address.</summary>
    private async Task<string> RegisterThroughTheEventPageAsync(bool subscribe)
    {
        var slug = (await PublishedEventAsync()).GetProperty("slug").GetString()!;
        var email = Subscribers.NewAddress("register");
        await using var page = await chromium.Browser.OpenAsync(Url($"events/{slug}"), javaScriptEnabled: false);

        await page.Page.FillAsync("#name", "Grace Hopper");
        await page.Page.FillAsync("#email", email);
        if (subscribe)
        {
            await page.Page.CheckAsync("#subscribe");
        }

        await page.Page.ClickAsync("button[type=submit]");
        return email;
    }

    /// <summary>Fills in the preferences form's name, ticks and unticks a topic, and presses Save.</summary>
    private static async Task SavePreferencesAsync(BrowserPage page, string name, string tick, string? untick = null)
    {
        await page.Page.FillAsync("#name", name);
        if (untick is not null)
        {
            await page.Page.UncheckAsync($"input[name=topics][value={untick}]");
        }

        await page.Page.CheckAsync($"input[name=topics][value={tick}]");
        await page.Page.ClickAsync("text=Save preferences");
    }

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
        var email = await RegisterThroughTheEventPageAsync(subscribe: true);

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
        var email = await RegisterThroughTheEventPageAsync(subscribe: false);

        await fixture.SendGrid.WaitForAcceptedAsync(1, where: c => c.Recipients.Contains(email));
        await SubscriptionsApi.SettleAsync(fixture);
        Assert.DoesNotContain(fixture.SendGrid.Calls.To(email), c => c.Kind() == SubscriptionEmails.Confirm);
        Assert.Null(await Subscribers.GetAsync(fixture.App, email));
    }

    [Fact]
    public async Task SavingPreferencesThroughTheFormComesBackWithASavedNoticeAndTheNewTicks()
    {
        var (_, token) = await AdaSubscribedToDeliveryAsync();
        await using var page = await chromium.Browser.OpenAsync(Url($"preferences?token={token}"), javaScriptEnabled: false);

        await SavePreferencesAsync(page, "Ada Lovelace", tick: "housing", untick: "delivery");

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
        var (email, token) = await AdaSubscribedToDeliveryAsync();
        await using var page = await chromium.Browser.OpenAsync(Url($"preferences?token={token}"), javaScriptEnabled: false);

        await SavePreferencesAsync(page, "<b>Ada</b>", tick: "housing");

        Assert.Equal(Url($"preferences?token={token}"), page.Page.Url);
        Assert.Contains("Name must not contain HTML tags", await page.Page.InnerTextAsync(".error-summary"), StringComparison.Ordinal);
        Assert.Equal("<b>Ada</b>", await page.Page.InputValueAsync("#name"));
        Assert.True(await page.Page.IsCheckedAsync("input[name=topics][value=housing]"));
        Assert.True(await page.Page.IsCheckedAsync("input[name=topics][value=delivery]"));
        var unchanged = await Subscribers.GetAsync(fixture.App, email);
        Assert.Equal("Ada", unchanged?.Name);
        Assert.Equal(["delivery"], unchanged?.Topics);
    }

    [GeneratedRegex(@"/subscribe/confirm\?token=[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+")]
    private static partial Regex ConfirmLink();
}
