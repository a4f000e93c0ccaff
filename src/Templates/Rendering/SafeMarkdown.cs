using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GoodThings.Templates.Rendering;

/// <summary>
/// Markdown from organisers as HTML that cannot carry script: raw HTML is shown as text, and links or
/// images whose scheme is not http, https or mailto lose their link and keep their words.
/// </summary>
/// <remarks>
/// Deliberately not <c>UseAdvancedExtensions()</c>: its generic attributes extension lets Markdown set
/// any attribute (<c>{onclick=...}</c>) and its media links embed iframes.
/// </remarks>
internal sealed class SafeMarkdown
{
    private static readonly string[] SafeSchemes = ["http", "https", "mailto"];

    private readonly MarkdownPipeline _pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras()
        .UseListExtras()
        .UsePipeTables()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    public RawHtml ToHtml(string? markdown) => ToHtml(markdown, sectionLevel: null);

    /// <summary>
    /// Markdown that sits in a page section under a heading of <paramref name="sectionLevel"/>: its
    /// headings move down so the highest becomes the level below (<c>#</c> or <c>##</c> under an h2
    /// becomes an h3, the rest keep their steps, never past h6), so a page keeps one h1 and its
    /// headings in order.
    /// </summary>
    public RawHtml InSection(string? markdown, int sectionLevel) => ToHtml(markdown, Math.Clamp(sectionLevel, 1, 5));

    private RawHtml ToHtml(string? markdown, int? sectionLevel)
    {
        var document = Markdown.Parse(markdown ?? "", _pipeline);
        var headings = document.Descendants<HeadingBlock>().ToList();
        if (sectionLevel is { } level && headings.Count > 0)
        {
            var shift = level + 1 - headings.Min(heading => heading.Level);
            foreach (var heading in headings)
            {
                heading.Level = Math.Clamp(heading.Level + shift, level + 1, 6);
            }
        }
        foreach (var link in document.Descendants<LinkInline>().ToList())
        {
            if (!IsSafe(link.Url))
            {
                Unwrap(link);
            }
        }
        foreach (var autolink in document.Descendants<AutolinkInline>().ToList())
        {
            if (!IsSafe(autolink.Url))
            {
                autolink.ReplaceBy(new LiteralInline(autolink.Url));
            }
        }
        return new RawHtml(document.ToHtml(_pipeline));
    }

    /// <summary>
    /// Judges the URL the way a browser reads it: with whitespace and control characters removed, a
    /// colon before any <c>/ ? #</c> starts a scheme. Relative links have none and are safe.
    /// </summary>
    internal static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        var squeezed = string.Concat(url.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)));
        var end = squeezed.IndexOfAny([':', '/', '?', '#']);
        if (end < 0 || squeezed[end] != ':')
        {
            return true;
        }

        var scheme = squeezed[..end];
        return SafeSchemes.Any(safe => string.Equals(safe, scheme, StringComparison.OrdinalIgnoreCase));
    }

    private static void Unwrap(LinkInline link)
    {
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }
        link.Remove();
    }
}
