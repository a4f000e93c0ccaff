using GoodThings.TestSupport.Browser;

namespace GoodThings.Templates.Tests.Browser;

/// <summary>
/// Every page, served with the app's headers and opened in Chromium: axe-core finds no WCAG 2.2 AA
/// violation at a desktop width or at 320px, and nothing scrolls sideways at 320px (WCAG 1.4.10).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture, SamplePagesFixture pages)
{
    public const int Desktop = 1280;
    public const int Narrowest = 320;

    public static TheoryData<string, int> PagesAtEachWidth()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in SamplePagesFixture.Pages.Keys)
        {
            data.Add(name, Desktop);
            data.Add(name, Narrowest);
        }
        return data;
    }

    public static TheoryData<string> Pages => [.. SamplePagesFixture.Pages.Keys];

    [Theory]
    [MemberData(nameof(PagesAtEachWidth))]
    public async Task PageHasNoAccessibilityViolations(string name, int width)
    {
        await using var page = await fixture.Browser.OpenAsync(pages.Server.PageUrl(name), width);

        var report = await page.CheckAccessibilityAsync();

        Assert.True(report.Passed, report.Describe());
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task PageFitsTheNarrowestScreenWithoutScrollingSideways(string name)
    {
        await using var page = await fixture.Browser.OpenAsync(pages.Server.PageUrl(name), Narrowest);

        var scrollWidth = await page.ScrollWidthAsync();

        Assert.True(scrollWidth <= Narrowest, $"{name} is {scrollWidth}px wide at {Narrowest}px: something overflows.");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task PageWorksUnderItsOwnContentSecurityPolicy(string name)
    {
        await using var page = await fixture.Browser.OpenAsync(pages.Server.PageUrl(name), Desktop, bypassCsp: false);

        var headerBackground = await page.Page.EvaluateAsync<string>(
            "() => getComputedStyle(document.querySelector('.site-header')).backgroundColor");

        Assert.Equal("rgb(28, 61, 90)", headerBackground);
        Assert.DoesNotContain(page.ConsoleMessages, message => message.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task TheCheckFindsViolationsWhenThereAreSome()
    {
        await using var page = await fixture.Browser.OpenAsync(pages.Server.Url(PageServer.KnownBadPage), Desktop);

        var report = await page.CheckAccessibilityAsync();

        Assert.False(report.Passed);
        Assert.Contains(report.Violations, violation => violation.Id == "label");
        Assert.Contains(report.Violations, violation => violation.Id == "color-contrast");
        Assert.Contains("label (critical): Form elements must have labels", report.Describe(), StringComparison.Ordinal);
    }
}
