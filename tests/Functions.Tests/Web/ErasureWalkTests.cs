using GoodThings.TestSupport.Browser;

namespace GoodThings.Web;

/// <summary>A subscriber in Chromium at the narrowest width: from their preferences to their data's download, then to its erasure.</summary>
[Collection(SubscriptionPagesCollection.Name)]
public sealed class ErasureWalkTests(GoodThingsAppFixture fixture, BrowserFixture chromium)
{
    private const int Narrowest = 320;

    /// <summary>axe-core finds nothing on the page as it is now, and nothing scrolls sideways.</summary>
    private static async Task AssertAccessibleAsync(BrowserPage page)
    {
        var report = await page.CheckAccessibilityAsync();
        Assert.True(report.Passed, report.Describe());
        Assert.True(await page.ScrollWidthAsync() <= Narrowest, $"{page.Page.Url} scrolls sideways at {Narrowest}px");
    }

    [Fact]
    public async Task ASubscriberDownloadsTheirDataThenErasesItFromThePreferencesPage()
    {
        var email = await Subscribers.SaveAsync(fixture.App, SubscriberStatus.Subscribed, name: "Ada Walker", topics: ["housing"]);
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody());
        await EventsApi.RegisteredAsync(fixture.App, created.GetProperty("slug").GetString()!, "Ada Walker", email);
        var token = Subscribers.Token(fixture.App, SubscriptionService.ManagePurpose, email);
        await using var page = await chromium.Browser.OpenAsync(new Uri(fixture.App.BaseAddress, $"preferences?token={token}").AbsoluteUri, Narrowest);
        await AssertAccessibleAsync(page);

        var download = await page.Page.RunAndWaitForDownloadAsync(() => page.Page.ClickAsync("text=Download your data"));

        Assert.EndsWith(".json", download.SuggestedFilename, StringComparison.Ordinal);
        var export = JsonDocument.Parse(await File.ReadAllTextAsync(await download.PathAsync())).RootElement;
        Assert.Equal(email, export.GetProperty("email").GetString());
        Assert.Equal(created.GetProperty("title").GetString(), Assert.Single(export.GetProperty("registrations").EnumerateArray()).GetProperty("eventTitle").GetString());

        await page.Page.ClickAsync("text=Erase your data");
        Assert.Contains("/erase?token=", page.Page.Url, StringComparison.Ordinal);
        await AssertAccessibleAsync(page);
        Assert.NotNull(await Subscribers.GetAsync(fixture.App, email));

        await page.Page.ClickAsync("button:has-text('Erase my data')");

        Assert.Equal("Your data has been erased", await page.Page.InnerTextAsync("h1"));
        await AssertAccessibleAsync(page);
        Assert.Null(await Subscribers.GetAsync(fixture.App, email));
        var registrations = await EventsApi.RegistrationsAsync(fixture.App, created.GetProperty("id").GetString()!);
        Assert.Equal("", Assert.Single(registrations.EnumerateArray()).GetProperty("email").GetString());
    }

    [Fact]
    public async Task TheErasePageOfABadLinkIsNotFoundAndOnlyItsButtonErases()
    {
        var email = await Subscribers.SaveAsync(fixture.App, SubscriberStatus.Subscribed);
        var token = Subscribers.Token(fixture.App, SubscriptionService.ManagePurpose, email);

        var opened = await fixture.App.Client.GetAsync($"erase?token={token}");
        var forged = await fixture.App.Client.GetAsync("erase?token=forged");
        using var empty = new FormUrlEncodedContent([]);
        var forgedPost = await fixture.App.Client.PostAsync("erase?token=forged", empty);

        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.Equal("no-store", opened.Headers.CacheControl?.ToString());
        Assert.DoesNotContain("unsafe-inline", string.Join(";", opened.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        Assert.NotNull(await Subscribers.GetAsync(fixture.App, email));
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (forged.StatusCode, forgedPost.StatusCode));
    }
}
