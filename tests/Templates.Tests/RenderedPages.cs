namespace GoodThings.Templates.Tests;

/// <summary>Sample pages rendered as the app renders them, and ordinal checks of what they say, for the page content tests.</summary>
internal static class RenderedPages
{
    private static readonly TemplateRenderer Renderer = new(Samples.Site);

    public static string Render(string sample) => Renderer.RenderPage(PageSamples.Pages[sample]);

    public static string MainOf(string html) =>
        html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];

    /// <summary>Fails unless the HTML holds every one of the texts; a failure names the text.</summary>
    public static void AssertSays(string html, params string[] texts)
    {
        foreach (var text in texts)
        {
            Assert.Contains(text, html, StringComparison.Ordinal);
        }
    }

    /// <summary>Fails if the HTML holds any of the texts; a failure names the text.</summary>
    public static void AssertLeavesOut(string html, params string[] texts)
    {
        foreach (var text in texts)
        {
            Assert.DoesNotContain(text, html, StringComparison.Ordinal);
        }
    }
}
