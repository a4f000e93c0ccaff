using Microsoft.AspNetCore.Http.Features;

namespace GoodThings.Subscriptions;

/// <summary>The public JSON API for the newsletter: subscribe, confirm, preferences, one-click unsubscribe, and the subscriber's data: export and erasure.</summary>
public sealed class SubscriptionFunctions(SubscriptionService subscriptions, PersonalData personalData, Erasure erasure)
{
    private static readonly FormOptions OneClickForm = new()
    {
        BufferBodyLengthLimit = JsonRequests.MaxBodyBytes,
        MultipartBodyLengthLimit = JsonRequests.MaxBodyBytes,
        ValueLengthLimit = JsonRequests.MaxBodyBytes,
    };

    [Function("Subscribe")]
    public async Task<IActionResult> Subscribe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/subscriptions")] HttpRequest request, CancellationToken cancellationToken)
    {
        var input = await JsonRequests.ReadValidAsync<SubscribeBody, SubscriptionInput>(request, (body, v) => body.Validate(v), cancellationToken);
        if (!input.Succeeded)
        {
            return input.Problem!;
        }

        await subscriptions.AskAsync(input.Value!, SubscriptionSources.Form, cancellationToken);
        // One answer for every address, new, pending or subscribed: the response never tells who is on the list.
        return new ObjectResult(new { status = "accepted", detail = "If this address needs confirming, a link is on its way to it." }) { StatusCode = StatusCodes.Status202Accepted };
    }

    [Function("ConfirmSubscription")]
    public async Task<IActionResult> Confirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/subscriptions/confirm")] HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await JsonRequests.ReadAsync<ConfirmBody>(request, cancellationToken);
        if (!body.Succeeded)
        {
            return body.Problem!;
        }

        return Found(await subscriptions.ConfirmAsync(body.Value!.Token ?? "", ClientAddress.Of(request), cancellationToken));
    }

    /// <summary>
    /// RFC 8058 one-click: mail clients POST <c>List-Unsubscribe=One-Click</c> to the header's link, as
    /// application/x-www-form-urlencoded or multipart/form-data.
    /// </summary>
    [Function("UnsubscribeOneClick")]
    public async Task<IActionResult> Unsubscribe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/subscriptions/unsubscribe")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return Problems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send List-Unsubscribe=One-Click as application/x-www-form-urlencoded.");
        }

        // The form reader limits each value, not the whole: many values under the limit could still add up to megabytes.
        if (await JsonRequests.ReadLimitedAsync(request, cancellationToken) is not { } body)
        {
            return Problems.Create(StatusCodes.Status413PayloadTooLarge, "Request body too large", "Send List-Unsubscribe=One-Click in a form of at most 64 KiB.");
        }

        request.Body = new MemoryStream(body, writable: false);
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(OneClickForm, cancellationToken);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            // Over the limits, or a multipart body that breaks off: the client's fault, never a 5xx.
            return Problems.Create(StatusCodes.Status400BadRequest, "Malformed form", "Send List-Unsubscribe=One-Click as a complete form of at most 64 KiB.");
        }

        if (form["List-Unsubscribe"] != "One-Click")
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["List-Unsubscribe"] = ["must be One-Click"] });
        }

        return Found(await subscriptions.UnsubscribeAsync(request.Query["token"].ToString(), request.Query["campaign"].FirstOrDefault(), cancellationToken));
    }

    [Function("GetSubscriptionPreferences")]
    public async Task<IActionResult> GetPreferences(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/subscriptions/preferences")] HttpRequest request, CancellationToken cancellationToken) =>
        Found(await subscriptions.GetAsync(request.Query["token"].ToString(), cancellationToken));

    /// <summary>Everything held about the subscriber's address, through the link in their emails.</summary>
    [Function("ExportSubscriberData")]
    public async Task<IActionResult> Export(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/subscriptions/export")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await personalData.ExportAsync(request.Query["token"].ToString(), cancellationToken) is not { } export)
        {
            return Problems.NotFound();
        }

        // The preferences page links here: a browser saves the file rather than showing JSON in the tab.
        request.HttpContext.Response.Headers.ContentDisposition = "attachment; filename=\"goodthings-your-data.json\"";
        return new OkObjectResult(export);
    }

    /// <summary>Erases everything held about the subscriber's address, through the link in their emails.</summary>
    [Function("EraseSubscriberData")]
    public async Task<IActionResult> Erase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/subscriptions")] HttpRequest request, CancellationToken cancellationToken) =>
        await erasure.EraseAsync(request.Query["token"].ToString(), cancellationToken) is { } summary
            ? new OkObjectResult(summary)
            : Problems.NotFound("Nothing is held for this link: it is not valid, or the data has been erased already.");

    [Function("SetSubscriptionPreferences")]
    public async Task<IActionResult> SetPreferences(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/subscriptions/preferences")] HttpRequest request, CancellationToken cancellationToken)
    {
        var input = await JsonRequests.ReadValidAsync<PreferencesBody, (string? Name, IReadOnlyList<string> Topics)?>(request, (body, v) => body.Validate(v), cancellationToken);
        if (!input.Succeeded)
        {
            return input.Problem!;
        }

        var (name, topics) = input.Value!.Value;
        return Found(await subscriptions.SetPreferencesAsync(request.Query["token"].ToString(), name, topics, cancellationToken));
    }

    private static IActionResult Found(SubscriberView? view) => view is null ? Problems.NotFound() : new OkObjectResult(Json(view));

    private static object Json(SubscriberView view) => new
    {
        email = view.Subscriber.Email,
        name = view.Subscriber.Name,
        topics = view.Subscriber.Topics,
        status = Events.EventJson.Camel(view.Subscriber.Status),
    };
}
