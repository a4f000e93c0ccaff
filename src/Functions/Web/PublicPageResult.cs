using Microsoft.Net.Http.Headers;

namespace GoodThings.Web;

/// <summary>
/// A page or feed every visitor is shown alike (<see cref="PublicPageCache"/>): sent with its strong ETag and
/// <see cref="CacheControl"/>, answered 304 without a body when <c>If-None-Match</c> names it, and without a body to a HEAD.
/// </summary>
public sealed class PublicPageResult(RenderedPage page) : IActionResult
{
    /// <summary>
    /// Any cache may keep the page but must ask again before each use: an organiser's change shows at once, and asking
    /// again with the ETag costs a 304 with no body.
    /// </summary>
    public const string CacheControl = "public, no-cache";

    public RenderedPage Page => page;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var request = context.HttpContext.Request;
        var response = context.HttpContext.Response;
        if (page.FileName is null)
        {
            SecurityHeaders.Apply(response);
        }
        else
        {
            response.Headers.XContentTypeOptions = "nosniff";
        }

        response.Headers.ETag = page.ETag;
        response.Headers.CacheControl = CacheControl;
        if (Matches(request.Headers.IfNoneMatch, page.ETag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = page.ContentType;
        response.ContentLength = page.Content.Length;
        if (page.FileName is { } fileName)
        {
            // As FileContentResult writes it: a plain name and its RFC 5987 form.
            var disposition = new ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(fileName);
            response.Headers.ContentDisposition = disposition.ToString();
        }

        if (!HttpMethods.IsHead(request.Method))
        {
            await response.Body.WriteAsync(page.Content, context.HttpContext.RequestAborted);
        }
    }

    /// <summary>If-None-Match uses the weak comparison (RFC 9110 §13.1.2): <c>W/"x"</c> matches <c>"x"</c>, and <c>*</c> matches any.</summary>
    private static bool Matches(StringValues ifNoneMatch, string etag)
    {
        if (StringValues.IsNullOrEmpty(ifNoneMatch) || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }

        var mine = new EntityTagHeaderValue(etag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(mine, useStrongComparison: false));
    }
}
