using System.Reflection;
using System.Text;
using GoodThings.Templates.Emails;
using GoodThings.Templates.Pages;
using GoodThings.Templates.Rendering;
using Scriban;
using Scriban.Functions;
using Scriban.Runtime;
using Scriban.Syntax;

namespace GoodThings.Templates;

/// <summary>
/// Renders emails and pages from the Scriban templates embedded in this assembly. Every template is
/// parsed and checked against its model when the renderer is made, so a broken template stops the app
/// at start (and fails the tests), never a send. Thread-safe: register one as a singleton.
/// </summary>
public sealed class TemplateRenderer
{
    // What a template may name besides its model: these functions, the loop objects, and the layout's variables.
    internal const string PartialFunction = "partial";
    internal const string MarkdownFunction = "markdown";
    internal const string MarkdownSectionFunction = "markdown_section";
    private static readonly string[] LoopObjects = ["for", "while", "tablerow"];
    internal const string ContentVariable = "content";
    internal const string SubjectVariable = "subject";
    internal const string PreheaderVariable = "preheader";
    internal const string SiteVariable = "site";

    private const string EmailArea = "Emails";
    private static readonly string[] EmailParts = ["subject", "html", "text"];
    private const string PageArea = "Pages";

    private readonly SiteInfo _site;
    private readonly TemplateLibrary _library;
    private readonly SafeMarkdown _markdown = new();
    private readonly ScriptObject _builtins;
    private readonly Dictionary<Type, EmailTemplates> _emails = [];
    private readonly Dictionary<Type, Template> _pages = [];
    private readonly Template _emailHtmlLayout;
    private readonly Template _emailTextLayout;
    private readonly Template _pageLayout;

    /// <exception cref="TemplateException">Listing every template that does not parse or names what its model lacks.</exception>
    public TemplateRenderer(SiteInfo site) : this(site, new Dictionary<string, string>())
    {
    }

    /// <param name="overrides">Template sources by key (<c>Emails/NotFound.html</c>) that replace or add to the embedded ones; for tests.</param>
    internal TemplateRenderer(SiteInfo site, IReadOnlyDictionary<string, string> overrides)
    {
        _site = site;
        var errors = new List<string>();
        _library = TemplateLibrary.Load(typeof(TemplateRenderer).Assembly, overrides, errors);
        _builtins = CreateBuiltins();

        _emailHtmlLayout = Require("Layouts/Email.html", errors);
        _emailTextLayout = Require("Layouts/Email.text", errors);
        _pageLayout = Require("Layouts/Page.html", errors);
        RegisterModels(errors);
        CheckLayouts(errors);
        ReportUnused(errors);

        if (errors.Count > 0)
        {
            throw new TemplateException("Templates have errors:\n" + string.Join('\n', errors));
        }
    }

    /// <summary>A person's value as an email's HTML part shows it, for a placeholder filled in after rendering (a bulk send's substitutions).</summary>
    public static string AsHtml(string value) => PersonText.HtmlEncode(PersonText.Neutralise(value));

    /// <summary>A person's value as an email's text part shows it.</summary>
    public static string AsText(string value) => PersonText.Neutralise(value);

    /// <exception cref="TemplateException">The model has no templates, carries a link that is not http(s), or a template failed.</exception>
    public RenderedEmail RenderEmail(IEmailModel model)
    {
        var templates = _emails.GetValueOrDefault(model.GetType()) ?? throw NoTemplate(model);
        LinkGuard.Check(model);

        var text = new TextContext(_builtins, EmailArea);
        var textGlobals = PushGlobals(text, model);
        var subject = Subject.Clean(Render(templates.Subject, text));
        textGlobals.SetValue(SubjectVariable, subject, true);
        textGlobals.SetValue(ContentVariable, Render(templates.Text, text), true);
        var plain = TidyText(Render(_emailTextLayout, text));

        var html = new HtmlContext(_builtins, EmailArea);
        var htmlGlobals = PushGlobals(html, model);
        htmlGlobals.SetValue(SubjectVariable, subject, true);
        if (!htmlGlobals.ContainsKey(PreheaderVariable))
        {
            htmlGlobals.SetValue(PreheaderVariable, null, false);
        }
        htmlGlobals.SetValue(ContentVariable, new RawHtml(Render(templates.Html, html)), true);
        return new RenderedEmail(subject, Render(_emailHtmlLayout, html), plain);
    }

    /// <exception cref="TemplateException">The model has no template, carries a link that is not http(s), or the template failed.</exception>
    public string RenderPage(IPageModel model)
    {
        var template = _pages.GetValueOrDefault(model.GetType()) ?? throw NoTemplate(model);
        LinkGuard.Check(model);

        var html = new HtmlContext(_builtins, PageArea);
        var globals = PushGlobals(html, model);
        globals.SetValue(ContentVariable, new RawHtml(Render(template, html)), true);
        return Render(_pageLayout, html);
    }

    private ScriptObject PushGlobals(TemplateContext context, object model)
    {
        var globals = new ScriptObject();
        globals.Import(model, ScriptMemberImportFlags.Property, renamer: StandardMemberRenamer.Default);
        globals.SetValue(SiteVariable, _site, true);
        context.PushGlobal(globals);
        return globals;
    }

    private static string Render(Template template, TemplateContext context)
    {
        try
        {
            return template.Render(context);
        }
        catch (ScriptRuntimeException exception)
        {
            throw new TemplateException($"{template.SourceFilePath}: {exception.Message}", exception);
        }
    }

    /// <summary>Renders <c>{Area}/Partials/{name}.{kind}</c> with the caller's variables.</summary>
    private object Partial(TemplateContext context, string name)
    {
        var output = (OutputContext)context;
        var template = _library.Get(PartialKey(output.Area, name, output.Kind));
        output.PushOutput();
        try
        {
            return output.Fragment(Render(template, output));
        }
        finally
        {
            output.PopOutput();
        }
    }

    private ScriptObject CreateBuiltins()
    {
        // One shared, read-only set: the default builtins are cloned per context, which costs more than a render.
        var builtins = new ScriptObject();
        builtins.SetValue("string", new StringFunctions(), true);
        builtins.SetValue("array", new ArrayFunctions(), true);
        builtins.SetValue("math", new MathFunctions(), true);
        builtins.Import(PartialFunction, new Func<TemplateContext, string, object>(Partial));
        builtins.Import(MarkdownFunction, new Func<string?, RawHtml>(_markdown.ToHtml));
        builtins.Import(MarkdownSectionFunction, new Func<string?, int, RawHtml>(_markdown.InSection));
        builtins.IsReadOnly = true;
        return builtins;
    }

    private void RegisterModels(List<string> errors)
    {
        var models = typeof(TemplateRenderer).Assembly.GetTypes()
            .Select(type => (Type: type, Attribute: type.GetCustomAttribute<TemplateAttribute>()))
            .Where(model => model.Attribute is not null);
        foreach (var (type, attribute) in models)
        {
            var name = attribute!.Name;
            if (typeof(IEmailModel).IsAssignableFrom(type))
            {
                var parts = EmailParts.Select(part => Require($"{EmailArea}/{name}.{part}", errors)).ToArray();
                _emails[type] = new EmailTemplates(parts[0], parts[1], parts[2]);
                foreach (var (part, template) in EmailParts.Zip(parts))
                {
                    Check(template, EmailArea, part == "html" ? "html" : "text", VariablesFor(type), errors);
                }
            }
            else if (typeof(IPageModel).IsAssignableFrom(type))
            {
                _pages[type] = Require($"{PageArea}/{name}.html", errors);
                Check(_pages[type], PageArea, "html", VariablesFor(type), errors);
            }
            else
            {
                errors.Add($"{type.Name} has [Template] but is neither an {nameof(IEmailModel)} nor an {nameof(IPageModel)}.");
            }
        }
    }

    private void CheckLayouts(List<string> errors)
    {
        var layoutVariables = new[] { ContentVariable, SubjectVariable, PreheaderVariable }
            .Select(name => KeyValuePair.Create(name, (Type?)null));
        Check(_emailHtmlLayout, EmailArea, "html", VariablesFor(typeof(IEmailModel)).Concat(layoutVariables), errors);
        Check(_emailTextLayout, EmailArea, "text", VariablesFor(typeof(IEmailModel)).Concat(layoutVariables), errors);
        Check(_pageLayout, PageArea, "html", VariablesFor(typeof(IPageModel)).Append(KeyValuePair.Create(ContentVariable, (Type?)null)), errors);
    }

    private void ReportUnused(List<string> errors)
    {
        var used = _emails.Values.SelectMany(email => new[] { email.Subject, email.Html, email.Text })
            .Concat(_pages.Values)
            .Append(_emailHtmlLayout).Append(_emailTextLayout).Append(_pageLayout)
            .Select(template => template.SourceFilePath)
            .ToHashSet();
        errors.AddRange(_library.Keys
            .Where(key => !key.Contains("/Partials/", StringComparison.Ordinal))
            .Where(key => !used.Contains(TemplateLibrary.FileName(key)))
            .Select(key => $"{TemplateLibrary.FileName(key)}: no model names this template."));
    }

    private IEnumerable<KeyValuePair<string, Type?>> VariablesFor(Type model) =>
        TemplateChecker.VariablesOf(model)
            .Append(KeyValuePair.Create(SiteVariable, (Type?)typeof(SiteInfo)))
            .Concat(_builtins.Keys.Concat(LoopObjects).Select(name => KeyValuePair.Create(name, (Type?)null)));

    private void Check(Template template, string area, string kind, IEnumerable<KeyValuePair<string, Type?>> variables, List<string> errors)
    {
        var known = new Dictionary<string, Type?>();
        foreach (var (name, type) in variables)
        {
            known.TryAdd(name, type);
        }
        errors.AddRange(TemplateChecker.Check(template, known, name => _library.Find(PartialKey(area, name, kind))));
    }

    private Template Require(string key, List<string> errors)
    {
        if (_library.Find(key) is { } template)
        {
            return template;
        }
        errors.Add($"{TemplateLibrary.FileName(key)}: missing.");
        return Template.Parse("", TemplateLibrary.FileName(key));
    }

    private static string PartialKey(string area, string name, string kind) => $"{area}/Partials/{name}.{kind}";

    private static TemplateException NoTemplate(object model) =>
        new($"{model.GetType().Name} has no templates: mark it [Template(\"Name\")] and add the template files.");

    /// <summary>
    /// Trims trailing spaces and collapses runs of blank lines, so text templates can be laid out for
    /// reading without their whitespace reaching the email.
    /// </summary>
    private static string TidyText(string text)
    {
        var builder = new StringBuilder(text.Length);
        var blankLines = 0;
        foreach (var line in text.Split('\n'))
        {
            var trimmed = line.TrimEnd();
            if (trimmed.Length == 0)
            {
                blankLines++;
                continue;
            }
            if (builder.Length > 0)
            {
                builder.Append(blankLines > 0 ? "\n\n" : "\n");
            }
            builder.Append(trimmed);
            blankLines = 0;
        }
        return builder.Append('\n').ToString();
    }

    private sealed record EmailTemplates(Template Subject, Template Html, Template Text);
}
