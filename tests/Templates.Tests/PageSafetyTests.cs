using System.Text.RegularExpressions;

namespace GoodThings.Templates.Tests;

/// <summary>What every page must be, whatever its model: fit for a strict CSP, in the layout, and discreet with the join link.</summary>
public sealed class PageSafetyTests
{
    /// <summary>
    /// Fails on an <c>on…=</c> attribute in a tag. Escaped text (<c>&amp;lt;img onerror=</c>) has no tag, and
    /// quoted attribute values are set aside first: the renderer encodes every <c>"</c> in a value and in
    /// text, so a double quote in the output only ever opens or closes an attribute value.
    /// </summary>
    internal static void AssertNoEventHandlers(string html) =>
        Assert.DoesNotMatch(@"<[a-zA-Z][^>]*\son[a-z]+\s*=", Regex.Replace(html, "\"[^\"]*\"", "\"\""));

    private static readonly TemplateRenderer Renderer = new(Samples.Site);

    public static TheoryData<string> Cases => [.. PageSamples.Pages.Keys.Concat(HostilePages.Samples.Keys)];

    private static IPageModel Model(string name) => PageSamples.Pages.GetValueOrDefault(name) ?? HostilePages.Samples[name];

    [Theory]
    [MemberData(nameof(Cases))]
    public void PagesCarryNoScriptInlineStyleOrEventHandlersSoTheyPassAStrictContentSecurityPolicy(string name)
    {
        var html = Renderer.RenderPage(Model(name));

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        AssertNoEventHandlers(html);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ThereIsOneH1(string name)
    {
        var html = Renderer.RenderPage(Model(name));

        Assert.Single(Regex.Matches(html, "<h1[ >]"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void TheOnlineLinkAppearsOnlyWhereTheModelCarriesIt(string name)
    {
        var model = Model(name);

        var html = Renderer.RenderPage(model);

        // The console's event hub shows it too: only to signed-in organisers, who set it.
        var carriesIt = model is RegistrationPage { JoinUrl: PageSamples.JoinUrl, ShowJoinLink: true } or ConsoleEventHubPage { OnlineUrl: PageSamples.JoinUrl };
        Assert.Equal(carriesIt, html.Contains(PageSamples.JoinUrl, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(AttendeeStatus.Waitlisted)]
    [InlineData(AttendeeStatus.Cancelled)]
    public void AJoinLinkGivenForSomeoneWithoutAPlaceIsNotShown(AttendeeStatus status)
    {
        var model = new RegistrationPage(PageSamples.Online, "tok", "Ada", status) { JoinUrl = PageSamples.JoinUrl };

        var html = Renderer.RenderPage(model);

        Assert.DoesNotContain(PageSamples.JoinUrl, html, StringComparison.Ordinal);
    }

    [Fact]
    public void AJoinLinkIsNotShownOnceTheEventIsCancelled()
    {
        var html = Renderer.RenderPage(PageSamples.Pages["Registration.EventCancelled"]);

        Assert.DoesNotContain(PageSamples.JoinUrl, html, StringComparison.Ordinal);
        Assert.DoesNotContain("/cancel\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void PageLayoutHasLandmarksASkipLinkAndTheSiteStylesheet()
    {
        var html = Renderer.RenderPage(new NotFoundPage());

        Assert.StartsWith("<!doctype html>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("name=\"viewport\"", html, StringComparison.Ordinal);
        Assert.Contains("<title>Page not found – How to make good things happen</title>", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"skip-link\" href=\"#main\">", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\" href=\"/assets/site.css\">", html, StringComparison.Ordinal);
        Assert.Contains("<a class=\"site-name\" href=\"/\">How to make good things happen</a>", html, StringComparison.Ordinal);
        foreach (var landmark in new[] { "<header", "<nav", "<main id=\"main\"", "<footer" })
        {
            Assert.Contains(landmark, html, StringComparison.Ordinal);
        }
    }
}
