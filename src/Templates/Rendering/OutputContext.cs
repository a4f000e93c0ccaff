using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace GoodThings.Templates.Rendering;

/// <summary>
/// One render's Scriban context. Every <c>{{ expression }}</c> reaches <see cref="Write(SourceSpan, object)"/>,
/// while the template's own text does not, so this is where values are made safe for the output kind.
/// Not thread-safe: one per render.
/// </summary>
internal abstract class OutputContext : TemplateContext
{
    protected OutputContext(ScriptObject builtins, string area, string kind) : base(builtins)
    {
        Area = area;
        Kind = kind;
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        // Values are written exactly as given: indenting the lines of a multi-line value would change it.
        AutoIndent = false;
        NewLine = "\n";
    }

    /// <summary>The folder the template came from: <c>Emails</c> or <c>Pages</c>.</summary>
    public string Area { get; }

    /// <summary><c>html</c> or <c>text</c>: the suffix of the templates this context renders.</summary>
    public string Kind { get; }

    /// <summary>Wraps a rendered fragment (a partial) so that writing it again does not escape it twice.</summary>
    public abstract object Fragment(string rendered);

    public override TemplateContext Write(SourceSpan span, object? textAsObject) => textAsObject switch
    {
        null => this,
        RawHtml raw => WriteRaw(raw),
        _ => Write(Safe(PersonText.Neutralise(ObjectToString(textAsObject) ?? ""))),
    };

    protected abstract TemplateContext WriteRaw(RawHtml raw);

    protected abstract string Safe(string text);
}

internal sealed class HtmlContext(ScriptObject builtins, string area) : OutputContext(builtins, area, "html")
{
    public override object Fragment(string rendered) => new RawHtml(rendered);

    protected override TemplateContext WriteRaw(RawHtml raw) => Write(raw.Html);

    protected override string Safe(string text) => PersonText.HtmlEncode(text);
}

internal sealed class TextContext(ScriptObject builtins, string area) : OutputContext(builtins, area, "text")
{
    public override object Fragment(string rendered) => rendered;

    protected override TemplateContext WriteRaw(RawHtml raw) =>
        throw new TemplateException("A text template wrote HTML (RawHtml); write the plain value instead.");

    protected override string Safe(string text) => text;
}
