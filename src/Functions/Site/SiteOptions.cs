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
