using GoodThings.TestSupport.Browser;

namespace GoodThings.OrganiserConsole;

/// <summary>An organiser in Chromium without JavaScript: a wrong key, then the right one, the dashboard, and signing out.</summary>
public sealed class ConsoleWalkTests(GoodThingsAppFixture fixture, BrowserFixture chromium) : IClassFixture<GoodThingsAppFixture>, IClassFixture<BrowserFixture>
{
    private string Url(string path) => new Uri(fixture.App.BaseAddress, path.TrimStart('/')).AbsoluteUri;

    [Fact]
    public async Task AnOrganiserSignsInWithTheKeySeesTheDashboardAndSignsOut()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(title: $"Walk {Guid.NewGuid():N}"));
        await using var page = await chromium.Browser.OpenAsync(Url("console"), 320, javaScriptEnabled: false);

        Assert.Equal(Url("console/sign-in?returnUrl=%2Fconsole"), page.Page.Url);
        await page.Page.FillAsync("#key", "not the key");
        await page.Page.ClickAsync("button:has-text('Sign in')");
        Assert.Equal("The management key is not right", await page.Page.InnerTextAsync(".error-summary__list"));

        await page.Page.FillAsync("#key", fixture.App.FunctionKey);
        await page.Page.ClickAsync("button:has-text('Sign in')");

        Assert.Equal(Url("console"), page.Page.Url);
        Assert.Equal("Console", await page.Page.InnerTextAsync("h1"));
        Assert.Contains("Organiser (key)", await page.Page.InnerTextAsync(".console-bar"), StringComparison.Ordinal);
        Assert.Equal(Url($"console/events/{created.GetProperty("id").GetString()}"),
            Url(await page.Page.GetAttributeAsync($"a:has-text('{created.GetProperty("title").GetString()}')", "href") ?? ""));
        var cookie = Assert.Single(await page.Page.Context.CookiesAsync(), c => c.Name == "gt-console");
        Assert.True(cookie.HttpOnly);
        Assert.Equal("/console", cookie.Path);

        await page.Page.ClickAsync("button:has-text('Sign out')");

        Assert.Equal(Url("console/sign-in"), page.Page.Url);
        Assert.DoesNotContain(await page.Page.Context.CookiesAsync(), c => c.Name == "gt-console" && c.Value == cookie.Value);
        await page.Page.GotoAsync(Url("console"));
        Assert.StartsWith(Url("console/sign-in"), page.Page.Url, StringComparison.Ordinal);
    }
}
