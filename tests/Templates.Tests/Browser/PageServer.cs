using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoodThings.Templates.Tests.Browser;

/// <summary>
/// Kestrel on a free loopback port serving rendered pages at <c>/pages/{name}</c> and the embedded
/// assets at <c>/assets/{name}</c>, with the headers the app sends, so Chromium sees the pages as
/// people will.
/// </summary>
internal sealed class PageServer : IAsyncDisposable
{
    /// <summary>The Content-Security-Policy the app sends with every page.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The policy the app sends with a console campaign's email preview (ConsoleNewsFunctions.PreviewPolicy).</summary>
    public const string PreviewContentSecurityPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; form-action 'none'; frame-ancestors 'self'; base-uri 'none'; sandbox";

    /// <summary>A page with faults axe must find, to show the check is not vacuous.</summary>
    public const string KnownBadPage = "/known-bad";

    private const string KnownBadHtml = """
        <!doctype html><html lang="en"><head><title>Bad</title><link rel="stylesheet" href="/known-bad.css"></head>
        <body><main><h1>Bad</h1><p class="faint">Too faint to read</p><input type="text" name="unlabelled"></main></body></html>
        """;

    private const string KnownBadCss = ".faint { color: #bbbbbb; }";

    private readonly WebApplication _app;

    private PageServer(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    /// <summary>Such as <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; }

    public string PageUrl(string name) => $"{BaseUrl}/pages/{Uri.EscapeDataString(name)}";

    public string Url(string path) => BaseUrl + path;

    /// <param name="pages">Complete HTML documents by name.</param>
    public static async Task<PageServer> StartAsync(IReadOnlyDictionary<string, string> pages)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();

        app.Use(async (context, next) =>
        {
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            await next(context);
        });
        app.MapGet("/pages/{name}", (string name) => pages.TryGetValue(name, out var html)
            ? Results.Content(html, "text/html; charset=utf-8")
            : Results.NotFound());
        // The campaign page frames its email preview: served here as the app serves it, under its own policy.
        var preview = new TemplateRenderer(Samples.Site).RenderEmail(Samples.Emails["Newsletter.Test"]).Html;
        app.MapGet("/console/newsletter/campaigns/{id}/preview", (HttpContext context) =>
        {
            context.Response.Headers.ContentSecurityPolicy = PreviewContentSecurityPolicy;
            context.Response.Headers.XFrameOptions = "SAMEORIGIN";
            return Results.Content(preview, "text/html; charset=utf-8");
        });
        app.MapGet(KnownBadPage, () => Results.Content(KnownBadHtml, "text/html; charset=utf-8"));
        app.MapGet("/known-bad.css", () => Results.Content(KnownBadCss, "text/css; charset=utf-8"));
        app.MapGet("/assets/{name}", (string name) => SiteAssets.TryGet(name, out var asset)
            ? Results.Bytes(asset.Content, asset.ContentType)
            : Results.NotFound());

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new PageServer(app, address);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
