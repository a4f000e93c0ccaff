using GoodThings.TestSupport.Browser;

namespace GoodThings.Web;

/// <summary>The public site in Chromium through the running app: forms without JavaScript, and axe-core on every page.</summary>
public sealed class BrowserTests(GoodThingsAppFixture fixture, BrowserFixture chromium) : IClassFixture<GoodThingsAppFixture>, IClassFixture<BrowserFixture>
{
    private string Url(string path) => new Uri(fixture.App.BaseAddress, path).AbsoluteUri;

    private async Task<string> PublishedEventAsync(int? capacity = 20, string format = "hybrid")
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(capacity: capacity, format: format));
        return created.GetProperty("slug").GetString()!;
    }

    [Fact]
    public async Task RegisteringThroughTheFormWithoutJavaScriptShowsTheOutcome()
    {
        var slug = await PublishedEventAsync();
        var email = $"form-{Guid.NewGuid():N}@example.test";
        await using var page = await chromium.Browser.OpenAsync(Url($"events/{slug}"), javaScriptEnabled: false);

        await page.Page.FillAsync("#name", "Grace Hopper");
        await page.Page.FillAsync("#email", email);
        await page.Page.ClickAsync("button[type=submit]");

        Assert.Matches("/registrations/[^/?]+\\?new=1$", page.Page.Url);
        var text = await page.Page.InnerTextAsync("main");
        Assert.Contains("Grace Hopper", text, StringComparison.Ordinal);
        Assert.Contains("You have a place", text, StringComparison.Ordinal);
        Assert.Contains("https://meet.example.org/good-things", await page.Page.ContentAsync(), StringComparison.Ordinal);
        var confirmation = Assert.Single(await fixture.SendGrid.WaitForAcceptedAsync(1, where: c => c.Recipients.Contains(email)));
        Assert.Equal(RegistrationEmails.Confirmed, confirmation.Kind());
    }

    [Fact]
    public async Task InvalidFormComesBackWithErrorsAndTheValuesKept()
    {
        var slug = await PublishedEventAsync();
        await using var page = await chromium.Browser.OpenAsync(Url($"events/{slug}"), javaScriptEnabled: false);

        await page.Page.FillAsync("#name", "Grace Hopper");
        await page.Page.FillAsync("#organisation", "Navy");
        await page.Page.FillAsync("#email", "grace@");
        await page.Page.ClickAsync("button[type=submit]");

        var html = await page.Page.ContentAsync();
        Assert.Contains("There is a problem", html, StringComparison.Ordinal);
        Assert.Contains("Enter an email address in the correct format", html, StringComparison.Ordinal);
        Assert.Equal("Grace Hopper", await page.Page.InputValueAsync("#name"));
        Assert.Equal("Navy", await page.Page.InputValueAsync("#organisation"));
        Assert.Equal("true", await page.Page.GetAttributeAsync("#email", "aria-invalid"));
        Assert.Equal(Url($"events/{slug}"), page.Page.Url);
    }

    [Fact]
    public async Task CancellingFromTheManagePageCancelsAndSaysSo()
    {
        var slug = await PublishedEventAsync();
        var email = $"cancel-{Guid.NewGuid():N}@example.test";
        (await EventsApi.RegisterAsync(fixture.App, slug, "Alan Turing", email)).EnsureSuccessStatusCode();
        var token = (await fixture.SendGrid.WaitForAcceptedAsync(1, where: c => c.Recipients.Contains(email))).Single().ManageToken();
        await using var page = await chromium.Browser.OpenAsync(Url($"registrations/{token}"), javaScriptEnabled: false);

        await page.Page.ClickAsync("text=Cancel my registration");

        Assert.Contains("cancelled", await page.Page.InnerTextAsync("main"), StringComparison.OrdinalIgnoreCase);
        var view = await fixture.App.Client.GetFromJsonAsync<JsonElement>($"api/registrations/{token}");
        Assert.Equal("cancelled", view.GetProperty("status").GetString());
        Assert.Equal(0, await page.Page.Locator("text=Cancel my registration").CountAsync());
    }

    [Theory]
    [InlineData(1280)]
    [InlineData(320)]
    public async Task EveryPublicPageHasNoWcag22AaViolationsAndNoSidewaysScroll(int width)
    {
        var slug = await PublishedEventAsync(capacity: 1);
        var confirmedEmail = $"axe-a-{Guid.NewGuid():N}@example.test";
        var waitlistedEmail = $"axe-b-{Guid.NewGuid():N}@example.test";
        (await EventsApi.RegisterAsync(fixture.App, slug, "Confirmed Person", confirmedEmail)).EnsureSuccessStatusCode();
        (await EventsApi.RegisterAsync(fixture.App, slug, "Waiting Person", waitlistedEmail)).EnsureSuccessStatusCode();
        var confirmed = (await fixture.SendGrid.WaitForAcceptedAsync(1, where: c => c.Recipients.Contains(confirmedEmail))).Single().ManageToken();
        var waitlisted = (await fixture.SendGrid.WaitForAcceptedAsync(1, where: c => c.Recipients.Contains(waitlistedEmail))).Single().ManageToken();
        var pendingSubscriber = await Subscribers.SaveAsync(fixture.App, Subscriptions.SubscriberStatus.Pending);
        var subscriber = await Subscribers.SaveAsync(fixture.App, Subscriptions.SubscriberStatus.Subscribed, name: "Subscribed Person", topics: ["housing"]);
        var confirm = Subscribers.Token(fixture.App, Subscriptions.SubscriptionService.ConfirmPurpose, pendingSubscriber);
        var manage = Subscribers.Token(fixture.App, Subscriptions.SubscriptionService.ManagePurpose, subscriber);
        string[] pages =
        [
            "", $"events/{slug}", $"registrations/{confirmed}?new=1", $"registrations/{waitlisted}", "events/no-such-event",
            "subscribe", "subscribe/check-email", $"subscribe/confirm?token={confirm}", $"unsubscribe?token={manage}",
            $"preferences?token={manage}", $"preferences?token={manage}&saved=1", $"erase?token={manage}",
        ];

        foreach (var path in pages)
        {
            await using var page = await chromium.Browser.OpenAsync(Url(path), width, requireSuccess: path != "events/no-such-event");
            var report = await page.CheckAccessibilityAsync();
            Assert.True(report.Passed, report.Describe());
            Assert.True(await page.ScrollWidthAsync() <= width, $"{path} scrolls sideways at {width}px");
        }

        await using var invalid = await chromium.Browser.OpenAsync(Url($"events/{slug}"), width);
        await invalid.Page.FillAsync("#email", "not-an-email");
        await invalid.Page.ClickAsync("button[type=submit]");
        var errors = await invalid.CheckAccessibilityAsync();
        Assert.Contains("There is a problem", await invalid.Page.ContentAsync(), StringComparison.Ordinal);
        Assert.True(errors.Passed, errors.Describe());
    }

    [Fact]
    public async Task PagesSendTheSecurityHeadersAndNeverTheOnlineLinkToThePublic()
    {
        var slug = await PublishedEventAsync(format: "online");

        var response = await fixture.App.Client.GetAsync($"events/{slug}");

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.DoesNotContain("meet.example.org", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("meet.example.org", await fixture.App.Client.GetStringAsync($"events/{slug}.ics"), StringComparison.Ordinal);
        Assert.DoesNotContain("meet.example.org", await fixture.App.Client.GetStringAsync("events.ics"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FilledHoneypotIsThankedAndStoresNothing()
    {
        var slug = await PublishedEventAsync();
        var id = (await fixture.App.Client.GetFromJsonAsync<JsonElement>($"api/events/{slug}")).GetProperty("slug").GetString();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Bot", ["email"] = "bot@example.test", ["website"] = "http://spam.example" });

        var response = await fixture.App.Client.PostAsync($"events/{slug}", form);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Thank you", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var events = await fixture.App.KeyedClient.GetFromJsonAsync<JsonElement>("api/manage/events");
        var stored = events.EnumerateArray().Single(e => e.GetProperty("slug").GetString() == id);
        Assert.Equal(0, stored.GetProperty("counts").GetProperty("confirmed").GetInt32());
        await Settle.EmailsAsync(fixture.App);
        Assert.Empty(fixture.SendGrid.Calls.To("bot@example.test"));
    }
}
