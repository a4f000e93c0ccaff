using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace GoodThings.Templates;

/// <summary>
/// The files pages link to (<c>/assets/site.css</c>), embedded in this assembly so the app serves them
/// itself: no CDN, no external fonts or images, nothing the Content-Security-Policy has to allow beyond
/// <c>'self'</c>. Serve <c>GET /assets/{name}</c> with <see cref="TryGet(string, out SiteAsset?)"/>; an unknown
/// name (including anything with a slash or <c>..</c>) is simply not found.
/// </summary>
public static class SiteAssets
{
    private const string Folder = "Assets/";

    private static readonly FrozenDictionary<string, SiteAsset> Assets = Load();

    /// <summary>The names there are: <c>site.css</c>.</summary>
    public static IEnumerable<string> Names => Assets.Keys;

    /// <param name="name">The file name after <c>/assets/</c>, such as <c>site.css</c>; compared exactly.</param>
    /// <param name="content">A copy of the file's bytes.</param>
    /// <param name="contentType">Such as <c>text/css; charset=utf-8</c>.</param>
    public static bool TryGet(string name, [NotNullWhen(true)] out byte[]? content, [NotNullWhen(true)] out string? contentType)
    {
        if (TryGet(name, out var asset))
        {
            content = asset.Content.ToArray();
            contentType = asset.ContentType;
            return true;
        }
        content = null;
        contentType = null;
        return false;
    }

    /// <param name="name">The file name after <c>/assets/</c>, such as <c>site.css</c>; compared exactly.</param>
    public static bool TryGet(string name, [NotNullWhen(true)] out SiteAsset? asset) => Assets.TryGetValue(name, out asset);

    private static FrozenDictionary<string, SiteAsset> Load()
    {
        var assembly = typeof(SiteAssets).Assembly;
        var assets = new Dictionary<string, SiteAsset>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(Folder, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var name = resource[Folder.Length..];
            assets.Add(name, new SiteAsset(name, buffer.ToArray(), ContentType(name)));
        }
        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        ".png" => "image/png",
        ".ico" => "image/x-icon",
        ".woff2" => "font/woff2",
        _ => throw new InvalidOperationException($"Assets/{name}: no content type is known for this kind of file; add one in {nameof(SiteAssets)}."),
    };
}

/// <summary>One embedded file, ready to serve.</summary>
/// <param name="Name">Such as <c>site.css</c>.</param>
/// <param name="ContentType">Such as <c>text/css; charset=utf-8</c>.</param>
public sealed record SiteAsset(string Name, ReadOnlyMemory<byte> Content, string ContentType)
{
    /// <summary>
    /// A strong ETag (quoted) from the content's SHA-256. The address stays <c>/assets/site.css</c> when the
    /// file changes, so serve it with <c>Cache-Control: no-cache</c> and answer a matching
    /// <c>If-None-Match</c> with 304: browsers then revalidate cheaply instead of keeping a stale copy.
    /// </summary>
    public string ETag { get; } = "\"" + Convert.ToHexStringLower(SHA256.HashData(Content.Span))[..32] + "\"";
}
