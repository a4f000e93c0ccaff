using System.Reflection;
using Scriban;

namespace GoodThings.Templates.Rendering;

/// <summary>
/// Every <c>.scriban</c> file embedded in this assembly, parsed once. Keys are paths without the
/// extension: <c>Emails/RegistrationConfirmed.html</c>. Read-only after construction, so thread-safe.
/// </summary>
internal sealed class TemplateLibrary
{
    private const string Extension = ".scriban";

    private readonly Dictionary<string, Template> _templates;

    private TemplateLibrary(Dictionary<string, Template> templates) => _templates = templates;

    public IEnumerable<string> Keys => _templates.Keys;

    /// <param name="overrides">Sources by key that replace or add to the embedded templates.</param>
    public static TemplateLibrary Load(Assembly assembly, IReadOnlyDictionary<string, string> overrides, List<string> errors)
    {
        var sources = assembly.GetManifestResourceNames()
            .Where(name => name.EndsWith(Extension, StringComparison.Ordinal))
            .ToDictionary(name => name[..^Extension.Length].Replace('\\', '/'), name => Read(assembly, name));
        foreach (var (key, source) in overrides)
        {
            sources[key] = source;
        }

        var templates = new Dictionary<string, Template>(StringComparer.Ordinal);
        foreach (var (key, source) in sources)
        {
            var template = Template.Parse(source, FileName(key));
            if (template.HasErrors)
            {
                errors.AddRange(template.Messages.Select(message => message.ToString()));
            }
            else
            {
                templates.Add(key, template);
            }
        }
        return new TemplateLibrary(templates);
    }

    public static string FileName(string key) => key + Extension;

    public Template? Find(string key) => _templates.GetValueOrDefault(key);

    public Template Get(string key) =>
        Find(key) ?? throw new TemplateException($"No template {FileName(key)}.");

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
