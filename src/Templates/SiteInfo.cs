namespace GoodThings.Templates;

/// <summary>What every template may show about the site: <c>site.name</c>, <c>site.base_url</c>.</summary>
/// <param name="Name">Shown in headers, footers and page titles.</param>
/// <param name="BaseUrl">Absolute base URL, without a trailing slash.</param>
public sealed record SiteInfo(string Name, string BaseUrl);
