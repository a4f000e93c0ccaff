
namespace GoodThings.Web;

public sealed class AssetsFunction
{
    /// <summary>The site's stylesheet (and any other embedded asset), revalidated by ETag.</summary>
    [Function("AssetsFunction")]
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "The host creates function classes and calls their instance methods.")]
    public IActionResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "assets/{name}")] HttpRequest request, string name)
    {
        if (!SiteAssets.TryGet(name, out var asset))
        {
            return HtmlPage.NotFound();
        }

        request.HttpContext.Response.Headers.CacheControl = "no-cache";
        request.HttpContext.Response.Headers.XContentTypeOptions = "nosniff";
        if (request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            request.HttpContext.Response.Headers.ETag = asset.ETag;
            return new StatusCodeResult(StatusCodes.Status304NotModified);
        }

        return new FileContentResult(asset.Content.ToArray(), asset.ContentType) { EntityTag = new Microsoft.Net.Http.Headers.EntityTagHeaderValue(asset.ETag) };
    }
}
