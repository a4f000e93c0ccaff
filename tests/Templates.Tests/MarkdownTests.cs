
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

    [Theory]
    [InlineData("<div onclick=\"alert(1)\">\n\nhi\n\n</div>", "<div")] // a raw HTML block
    [InlineData("<javascript:alert(1)>", "<a")] // an autolink with an unsafe scheme
    [InlineData("[hi](https://example.org){onclick=alert(1)}", "onclick=\"")] // attribute syntax
    public void MarkupThatWouldBeUnsafeStaysPlainText(string markdown, string unsafeMarkup)
    {
        var html = Markdown.ToHtml(markdown).Html;

        Assert.DoesNotContain(unsafeMarkup, html, StringComparison.OrdinalIgnoreCase);
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

        AssertLeavesOut(html, "<a");
        AssertSays(html, "click me");
    }

    [Fact]
    public void AnImageWithAnUnsafeSourceKeepsOnlyItsAltText()
    {
        var html = Markdown.ToHtml("![a chart](javascript:alert(1))").Html;

        AssertLeavesOut(html, "<img");
        AssertSays(html, "a chart");
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

    [Theory]
    [InlineData("# Top\n\n### Deeper\n\n###### Deepest", "<h3>Top</h3>", "<h5>Deeper</h5>", "<h6>Deepest</h6>")]
    [InlineData("#### Agenda\n\n##### Morning", "<h3>Agenda</h3>", "<h4>Morning</h4>")] // the highest heading moves up to follow the section
    public void HeadingsInASectionStartOneLevelBelowIt(string markdown, params string[] expected)
    {
        var html = Markdown.InSection(markdown, sectionLevel: 2).Html;

        AssertSays(html, expected);
    }

    [Fact]
    public void MarkdownOutsideASectionKeepsItsHeadings()
    {
        var html = Markdown.ToHtml("## What we learnt").Html;

        AssertSays(html, "<h2>What we learnt</h2>");
    }
}
