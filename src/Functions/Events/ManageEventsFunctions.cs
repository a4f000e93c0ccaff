
namespace GoodThings.Events;

/// <summary>Organisers' event API (function key): create, list, read, patch, publish, cancel.</summary>
public sealed class ManageEventsFunctions(EventService events, EventStore store, IdempotentRequests idempotent)
{
    private const string MergePatchJson = "application/merge-patch+json";

    [Function("ManageCreateEvent")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/events")] HttpRequest request, CancellationToken cancellationToken) =>
        idempotent.RunAsync(request, () => CreateAsync(request, cancellationToken), cancellationToken);

    private async Task<IActionResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var content = await JsonRequests.ReadValidAsync<EventInput, EventContent>(request, EventValidation.Validate, cancellationToken);
        if (!content.Succeeded)
        {
            return content.Problem!;
        }

        return (await events.CreateAsync(content.Value!, Actor.ManagementKey, cancellationToken))
            .ToResult(created => new CreatedResult($"/api/manage/events/{created.Id}", EventJson.Managed(created)));
    }

    [Function("ManageListEvents")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "api/manage/events")] HttpRequest request, CancellationToken cancellationToken) =>
        new OkObjectResult((await store.ListAsync(cancellationToken)).Select(EventJson.Managed));

    [Function("ManageGetEvent")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "api/manage/events/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } loaded ? new OkObjectResult(EventJson.Managed(loaded.Event)) : Problems.NotFound();

    [Function("ManagePatchEvent")]
    public async Task<IActionResult> Patch(
        [HttpTrigger(AuthorizationLevel.Function, "patch", Route = "api/manage/events/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var patch = await JsonRequests.ReadObjectAsync(request, cancellationToken, MergePatchJson, "application/json");
        return patch.Succeeded
            ? (await events.PatchAsync(id, patch.Value!, Actor.ManagementKey, cancellationToken)).ToResult(updated => new OkObjectResult(EventJson.Managed(updated)))
            : patch.Problem!;
    }

    [Function("ManagePublishEvent")]
    public Task<IActionResult> Publish(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/events/{id}/publish")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        idempotent.RunAsync(request, () => PublishAsync(request, id, cancellationToken), cancellationToken);

    private async Task<IActionResult> PublishAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        // The body is optional; when given it must be {"announce": bool}.
        var announce = false;
        if (request.ContentLength is not (null or 0) || request.Headers.TransferEncoding.Count > 0)
        {
            var body = await JsonRequests.ReadAsync<PublishInput>(request, cancellationToken);
            if (!body.Succeeded)
            {
                return body.Problem!;
            }

            announce = body.Value?.Announce ?? false;
        }

        return (await events.PublishAsync(id, announce, Actor.ManagementKey, cancellationToken)).ToResult(published => new OkObjectResult(EventJson.Managed(published)));
    }

    [Function("ManageCancelEvent")]
    public Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/events/{id}/cancel")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        idempotent.RunAsync(request, () => CancelAsync(request, id, cancellationToken), cancellationToken);

    private async Task<IActionResult> CancelAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var reason = await JsonRequests.ReadValidAsync<CancelEventInput, string>(request, (body, v) => v.Text("reason", body.Reason, 1000, multiLine: true), cancellationToken);
        return reason.Succeeded
            ? (await events.CancelAsync(id, reason.Value, Actor.ManagementKey, cancellationToken)).ToResult(cancelled => new OkObjectResult(EventJson.Managed(cancelled)))
            : reason.Problem!;
    }
}

public sealed class PublishInput
{
    public bool? Announce { get; set; }
}

public sealed class CancelEventInput
{
    public string? Reason { get; set; }
}
