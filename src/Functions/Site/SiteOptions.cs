using System.ComponentModel.DataAnnotations;

namespace GoodThings.Site;

public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>Absolute base of every link the app writes into emails and calendar files.</summary>
    [Required(ErrorMessage = "Setting Site:BaseUrl (env Site__BaseUrl) is required: the absolute URL the site is served from.")]
    [AbsoluteHttpUrl(ErrorMessage = "Setting Site:BaseUrl must be an absolute http(s) URL, for example https://events.example.org.")]
    public string BaseUrl { get; set; } = "";

    /// <summary>The series' name, shown in page titles, headers and email footers.</summary>
    public string Name { get; set; } = "How to make good things happen";

    /// <summary>
    /// How long an instance keeps a rendered public page or feed (<see cref="PublicPageCache"/>): counts on it may lag
    /// by this much. Zero renders every request afresh.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Setting Site:PageCacheLifetime must be between 00:00:00 and 00:10:00.")]
    public TimeSpan PageCacheLifetime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Builds an absolute link from a site-relative path such as <c>registrations/abc</c>.</summary>
    public string Link(string relativePath) => new Uri(new Uri(BaseUrl.TrimEnd('/') + "/"), relativePath.TrimStart('/')).AbsoluteUri;
}

[AttributeUsage(AttributeTargets.Property)]
internal sealed class AbsoluteHttpUrlAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) =>
        value is not string { Length: > 0 } text
        || (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp));
}
