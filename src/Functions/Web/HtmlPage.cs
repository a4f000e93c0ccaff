
namespace GoodThings.Web;

/// <summary>Headers every public page is sent with: a strict content security policy, no framing, no sniffing.</summary>
public static class SecurityHeaders
{
    /// <summary>No script at all, styles only from the site's own stylesheet, forms only to the site, never framed.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        // Manage links carry a personal token in the path: never leak it to other sites.
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
    }
}

/// <summary>A rendered page with the security headers; pages behind a personal token, and answers to forms, are never cached.</summary>
public sealed class HtmlPage(IPageModel model, int statusCode = StatusCodes.Status200OK, bool personal = false) : IActionResult
{
    public IPageModel Model => model;

    public int StatusCode => statusCode;

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        var html = context.HttpContext.RequestServices.GetRequiredService<TemplateRenderer>().RenderPage(model);
        SecurityHeaders.Apply(response);
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        // A form's answer holds what was typed into it: as personal as a page behind a token.
        response.Headers.CacheControl = personal || !(HttpMethods.IsGet(context.HttpContext.Request.Method) || HttpMethods.IsHead(context.HttpContext.Request.Method))
            ? "no-store"
            : "no-cache";
        await response.Body.WriteAsync(Encoding.UTF8.GetBytes(html), context.HttpContext.RequestAborted);
    }

    public static HtmlPage NotFound() => new(new NotFoundPage(), StatusCodes.Status404NotFound);
}

/// <summary>303 See Other after a form post, so a refresh never posts again.</summary>
public sealed class SeeOther(string location) : IActionResult
{
    public Task ExecuteResultAsync(ActionContext context)
    {
        SecurityHeaders.Apply(context.HttpContext.Response);
        context.HttpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.HttpContext.Response.Headers.Location = location;
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }
}
