using System.Collections.Concurrent;
using System.Reflection;

namespace GoodThings.Templates.Rendering;

/// <summary>
/// Refuses a model whose links (string properties named <c>…Url</c>, here or in the records it holds)
/// are not absolute http(s). Escaping keeps a value inside its <c>href</c>, but cannot make a
/// <c>javascript:</c> link safe there; the app validates links on the way in, so this is the second lock.
/// </summary>
internal static class LinkGuard
{
    private static readonly ConcurrentDictionary<Type, Members> Cache = new();

    public static void Check(object model) => Check(model, model.GetType().Name);

    private static void Check(object model, string path)
    {
        var members = Cache.GetOrAdd(model.GetType(), Members.Of);
        foreach (var link in members.Links)
        {
            if (link.GetValue(model) is string url && !IsHttp(url))
            {
                throw new TemplateException($"{path}.{link.Name} is not an absolute http(s) link, so it will not be put in a message.");
            }
        }
        foreach (var child in members.Children)
        {
            if (child.GetValue(model) is { } value)
            {
                Check(value, $"{path}.{child.Name}");
            }
        }
    }

    private static bool IsHttp(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private sealed record Members(PropertyInfo[] Links, PropertyInfo[] Children)
    {
        public static Members Of(Type type)
        {
            var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
            return new Members(
                properties.Where(p => p.PropertyType == typeof(string) && p.Name.EndsWith("Url", StringComparison.Ordinal)).ToArray(),
                properties.Where(p => p.PropertyType.IsClass && p.PropertyType.Assembly == typeof(LinkGuard).Assembly).ToArray());
        }
    }
}
