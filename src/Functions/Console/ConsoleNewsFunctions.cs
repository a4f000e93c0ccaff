namespace GoodThings.OrganiserConsole;

/// <summary>
/// The console's audit log (<c>/console/audit</c>, <c>/console/events/{id}/audit</c>) and newsletter pages
/// (<c>/console/newsletter</c> and its campaigns). Each calls the gate once; each POST answers 303 to a page, or shows
/// its page again with what was wrong, having changed nothing.
/// </summary>
public sealed class ConsoleNewsFunctions(ConsoleGate gate, ConsoleAuditLog audit, ConsoleNewsletter newsletter)
{
    [Function("ConsoleAudit")]
    public async Task<IActionResult> Audit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsoleRoutes.Audit)] HttpRequest request, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return await audit.AllAsync(After(request), entry!.Header, cancellationToken) is { } page ? new HtmlPage(page, personal: true) : BadContinuation(ConsoleRoutes.AuditPath);
    }

    [Function("ConsoleEventAudit")]
    public async Task<IActionResult> EventAudit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsoleRoutes.EventAudit)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (await audit.ForEventAsync(id, After(request), entry!.Header, cancellationToken) is { } page)
        {
            return new HtmlPage(page, personal: true);
        }

        return After(request) is { } after && !AuditLog.IsContinuation(after) ? BadContinuation(ConsoleRoutes.EventAuditPath(id)) : HtmlPage.NotFound();
    }

    [Function("ConsoleNewsletter")]
    public async Task<IActionResult> Newsletter(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsoleRoutes.Newsletter)] HttpRequest request, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        return refusal ?? new HtmlPage(await newsletter.PageAsync(entry!.Header, cancellationToken), personal: true);
    }

    [Function("ConsoleNewCampaignPage")]
    public async Task<IActionResult> NewCampaignPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsoleRoutes.NewCampaign)] HttpRequest request, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        return refusal ?? new HtmlPage(await newsletter.NewFormAsync(entry!.Header, cancellationToken), personal: true);
    }

    [Function("ConsoleCreateCampaign")]
    public async Task<IActionResult> CreateCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ConsoleRoutes.NewCampaign)] HttpRequest request, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        return refusal ?? Result(await newsletter.CreateAsync(FormInput(entry!.Form), entry.Header, entry.Organiser.Actor, cancellationToken));
    }

    [Function("ConsoleCampaign")]
    public async Task<IActionResult> Campaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsoleRoutes.Campaign)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return await newsletter.CampaignPageAsync(id, request.Query["done"].ToString(), entry!.Header, cancellationToken) is { } page
            ? new HtmlPage(page, personal: true)
            : HtmlPage.NotFound();
    }

    /// <summary>
    /// The email alone, framed by the campaign's page. Email HTML carries inline styles, which the pages' policy
    /// forbids; this one answer allows them, and nothing else: no script, no form, no plugin, framed only by this site.
    /// </summary>
    [Function("ConsoleCampaignPreview")]
    public async Task<IActionResult> CampaignPreview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsoleRoutes.CampaignPreview)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (_, refusal) = await gate.EnterAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (await newsletter.PreviewAsync(id, cancellationToken) is not { } html)
        {
            return HtmlPage.NotFound();
        }

        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = PreviewPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "SAMEORIGIN";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return new ContentResult { Content = html, ContentType = "text/html; charset=utf-8", StatusCode = StatusCodes.Status200OK };
    }

    public const string PreviewPolicy =
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' https: data:; form-action 'none'; frame-ancestors 'self'; base-uri 'none'; sandbox";

    [Function("ConsoleEditCampaignPage")]
    public async Task<IActionResult> EditCampaignPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsoleRoutes.CampaignEdit)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        return refusal ?? Result(await newsletter.EditFormAsync(id, entry!.Header, cancellationToken));
    }

    [Function("ConsoleEditCampaign")]
    public async Task<IActionResult> EditCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ConsoleRoutes.CampaignEdit)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        return refusal ?? Result(await newsletter.SaveAsync(id, FormInput(entry!.Form), entry.Header, entry.Organiser.Actor, cancellationToken));
    }

    [Function("ConsoleTestCampaign")]
    public async Task<IActionResult> TestCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ConsoleRoutes.CampaignTest)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        return refusal ?? Result(await newsletter.TestAsync(id, entry!.Form.Field(CampaignFields.Emails), entry.Header, entry.Organiser.Actor, cancellationToken));
    }

    [Function("ConsoleScheduleCampaign")]
    public async Task<IActionResult> ScheduleCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ConsoleRoutes.CampaignSchedule)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var form = entry!.Form;
        return Result(await newsletter.ScheduleAsync(
            id, form.Field(CampaignFields.When), form.Field(CampaignFields.SendAt), form.Field(CampaignFields.TimeZone), entry.Header, entry.Organiser.Actor, cancellationToken));
    }

    [Function("ConsoleCancelCampaign")]
    public async Task<IActionResult> CancelCampaign(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ConsoleRoutes.CampaignCancel)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        return refusal ?? Result(await newsletter.CancelAsync(id, entry!.Header, entry.Organiser.Actor, cancellationToken));
    }

    private static string? After(HttpRequest request) => request.Query["after"].ToString() is { Length: > 0 } after ? after : null;

    private static CampaignFormInput FormInput(IReadOnlyDictionary<string, StringValues> form) => new(
        form.Field(CampaignFields.Subject),
        form.Field(CampaignFields.Preheader),
        form.Field(CampaignFields.Body),
        form.TryGetValue(CampaignFields.Topics, out var topics) ? [.. topics.OfType<string>()] : [],
        form.Field(CampaignFields.SendAt),
        form.Field(CampaignFields.TimeZone));

    private static IActionResult Result(ConsoleAnswer? answer) => (answer ?? new ConsoleAnswer.NotFound()).ToActionResult();

    private static HtmlPage BadContinuation(string firstPage) => new(
        new ConsoleMessagePage("Page not found", "That page of the audit log does not exist: the link is not one the log gave out.", firstPage, "Go to the newest changes"),
        StatusCodes.Status400BadRequest,
        personal: true);
}
