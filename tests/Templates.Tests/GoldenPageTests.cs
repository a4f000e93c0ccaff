using GoodThings.Templates.Pages;

namespace GoodThings.Templates.Tests;

public sealed class GoldenPageTests
{
    private static readonly TemplateRenderer Renderer = new(Samples.Site);

    [Fact]
    public void NotFoundPageRendersAsItsGoldenFile()
    {
        var html = Renderer.RenderPage(new NotFoundPage());

        Golden.Match("Pages/NotFound.out.html", html);
    }

    [Fact]
    public void PagesCarryNoInlineScriptOrStyleSoTheyPassAStrictContentSecurityPolicy()
    {
        var html = Renderer.RenderPage(new NotFoundPage());

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(@"\son[a-z]+\s*=", html);
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
        foreach (var landmark in new[] { "<header", "<nav", "<main id=\"main\"", "<footer" })
        {
            Assert.Contains(landmark, html, StringComparison.Ordinal);
        }
    }
}
