
namespace GoodThings.Templates.Tests;

public sealed class MarkdownTests
{
    private static readonly SafeMarkdown Markdown = new();

    [Fact]
    public void RawHtmlIsShownAsText()
    {
        var html = Markdown.ToHtml("Hello <script>alert(1)</script> <img src=x onerror=alert(1)>").Html;

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void RawHtmlBlocksAreShownAsText()
    {
        var html = Markdown.ToHtml("<div onclick=\"alert(1)\">\n\nhi\n\n</div>").Html;

        Assert.DoesNotContain("<div", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[click me](javascript:alert(1))")]
    [InlineData("[click me](JaVaScRiPt:alert(1))")]
    [InlineData("[click me](&#106;avascript:alert(1))")]
    [InlineData("[click me](javascript&#58;alert(1))")]
    [InlineData("[click me](<java script:alert(1)>)")]
    [InlineData("[click me](vbscript:msgbox(1))")]
    [InlineData("[click me](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[click me][ref]\n\n[ref]: javascript:alert(1)")]
    public void LinksWithAnUnsafeSchemeKeepTheirWordsButLoseTheLink(string markdown)
    {
        var html = Markdown.ToHtml(markdown).Html;

        Assert.DoesNotContain("<a", html, StringComparison.Ordinal);
        Assert.Contains("click me", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAutolinkWithAnUnsafeSchemeIsPlainText()
    {
        var html = Markdown.ToHtml("<javascript:alert(1)>").Html;

        Assert.DoesNotContain("<a", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AnImageWithAnUnsafeSourceKeepsOnlyItsAltText()
    {
        var html = Markdown.ToHtml("![a chart](javascript:alert(1))").Html;

        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Contains("a chart", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AttributeSyntaxIsNotAnAttribute()
    {
        var html = Markdown.ToHtml("[hi](https://example.org){onclick=alert(1)}").Html;

        Assert.DoesNotContain("onclick=\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[site](https://example.org/a?b=1)", "<a href=\"https://example.org/a?b=1\">site</a>")]
    [InlineData("[write](mailto:hello@example.org)", "<a href=\"mailto:hello@example.org\">write</a>")]
    [InlineData("[events](/events)", "<a href=\"/events\">events</a>")]
    [InlineData("see https://example.org", "<a href=\"https://example.org\">https://example.org</a>")]
    public void SafeLinksAreKept(string markdown, string expected)
    {
        var html = Markdown.ToHtml(markdown).Html;

        Assert.Contains(expected, html, StringComparison.Ordinal);
    }

    [Fact]
    public void HeadingsInASectionStartOneLevelBelowIt()
    {
        var html = Markdown.InSection("# Top\n\n### Deeper\n\n###### Deepest", sectionLevel: 2).Html;

        Assert.Contains("<h3>Top</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<h5>Deeper</h5>", html, StringComparison.Ordinal);
        Assert.Contains("<h6>Deepest</h6>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void AHighestHeadingBelowTheSectionMovesUpToFollowIt()
    {
        var html = Markdown.InSection("#### Agenda\n\n##### Morning", sectionLevel: 2).Html;

        Assert.Contains("<h3>Agenda</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<h4>Morning</h4>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void MarkdownOutsideASectionKeepsItsHeadings()
    {
        var html = Markdown.ToHtml("## What we learnt").Html;

        Assert.Contains("<h2>What we learnt</h2>", html, StringComparison.Ordinal);
    }
}
