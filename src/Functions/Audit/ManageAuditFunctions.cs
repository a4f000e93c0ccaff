namespace GoodThings.Audit;

/// <summary>Organisers' audit log (function key): the changes made to one event, and to everything, newest first.</summary>
public sealed class ManageAuditFunctions(AuditLog audit, EventStore events)
{
    [Function("ManageEventAudit")]
    public async Task<IActionResult> ForEvent(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "api/manage/events/{id}/audit")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await events.GetAsync(id, cancellationToken) is null
            ? Problems.NotFound()
            : (await audit.ListForEventAsync(id, After(request), cancellationToken)).ToResult(page => new OkObjectResult(Json(page)));

    [Function("ManageAudit")]
    public async Task<IActionResult> All(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "api/manage/audit")] HttpRequest request, CancellationToken cancellationToken) =>
        (await audit.ListAsync(After(request), cancellationToken)).ToResult(page => new OkObjectResult(Json(page)));

    private static string? After(HttpRequest request) => request.Query["after"].ToString() is { Length: > 0 } after ? after : null;

    private static object Json(AuditPage page) => new
    {
        items = page.Items.Select(entry => new
        {
            id = entry.Id,
            at = entry.At.UtcDateTime,
            actor = new { id = entry.Actor.Id, name = entry.Actor.Name },
            action = entry.Action,
            eventId = entry.EventId,
            campaignId = entry.CampaignId,
            registrationId = entry.RegistrationId,
            changes = (entry.Changes ?? []).Select(change => new { field = change.Field, from = change.From, to = change.To, valuesKept = change.ValuesKept }),
            details = entry.Details ?? new Dictionary<string, string>(),
        }),
        next = page.Next,
    };
}
