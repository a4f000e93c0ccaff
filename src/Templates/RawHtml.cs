namespace GoodThings.Templates;

/// <summary>
/// HTML that templates write as is. The only way past the renderer's escaping, so only the renderer's
/// own output (a rendered body, Markdown rendered with raw HTML disabled) should ever be wrapped in it.
/// </summary>
public sealed record RawHtml(string Html)
{
    public override string ToString() => Html;
}
