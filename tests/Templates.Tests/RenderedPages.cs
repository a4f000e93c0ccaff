namespace GoodThings.Templates.Tests;

/// <summary>Sample pages rendered as the app renders them, for the page content tests to read.</summary>
internal static class RenderedPages
{
    private static readonly TemplateRenderer Renderer = new(Samples.Site);

    public static string Render(string sample) => Renderer.RenderPage(PageSamples.Pages[sample]);

    public static string MainOf(string html) =>
        html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];
}
