
namespace GoodThings.Registrations;

/// <summary>Organisers' view of registrations (function key): the list as JSON or CSV, check-in, and promotion off the waitlist.</summary>
public sealed class ManageRegistrationsFunctions(EventStore store, RegistrationService registrations, IdempotentRequests idempotent)
{
    [Function("ManageListRegistrations")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "api/manage/events/{id}/registrations")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } loaded)
        {
            return Problems.NotFound();
        }

        var rows = await RegistrationExport.RowsAsync(store, id, cancellationToken);
        var wantsCsv = string.Equals(request.Query["format"], "csv", StringComparison.OrdinalIgnoreCase)
                       || request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
        return wantsCsv
            ? new FileContentResult(RegistrationExport.ToCsv(rows), "text/csv; charset=utf-8") { FileDownloadName = $"{loaded.Event.Slug}-registrations.csv" }
            : new OkObjectResult(rows);
    }

    [Function("ManageCheckIn")]
    public Task<IActionResult> CheckIn(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/events/{id}/registrations/{registrationId}/check-in")] HttpRequest request,
        string id, string registrationId, CancellationToken cancellationToken) =>
        idempotent.RunAsync(request, () => CheckInAsync(id, registrationId, attended: true, cancellationToken), cancellationToken);

    [Function("ManageUndoCheckIn")]
    public Task<IActionResult> UndoCheckIn(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "api/manage/events/{id}/registrations/{registrationId}/check-in")] HttpRequest request,
        string id, string registrationId, CancellationToken cancellationToken) =>
        CheckInAsync(id, registrationId, attended: false, cancellationToken);

    /// <summary>An organiser's promotion off the waitlist, even over capacity (<see cref="RegistrationService.PromoteByOrganiserAsync"/>).</summary>
    [Function("ManagePromoteRegistration")]
    public Task<IActionResult> Promote(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/events/{id}/registrations/{registrationId}/promote")] HttpRequest request,
        string id, string registrationId, CancellationToken cancellationToken) =>
        idempotent.RunAsync(request, () => PromoteAsync(id, registrationId, cancellationToken), cancellationToken);

    private async Task<IActionResult> PromoteAsync(string id, string registrationId, CancellationToken cancellationToken) =>
        await registrations.PromoteByOrganiserAsync(id, registrationId, Actor.ManagementKey, cancellationToken) switch
        {
            PromoteResult.Promoted => new OkObjectResult(new { registrationId, status = "confirmed" }),
            PromoteResult.NotWaitlisted => Problems.Create(StatusCodes.Status409Conflict, "Not waitlisted", "Only waitlisted registrations can be promoted.", Problems.TypeUri("not-waitlisted")),
            PromoteResult.TooLate => Problems.Create(StatusCodes.Status409Conflict, "Too late", "The event is over or not published, so nobody can be promoted.", Problems.TypeUri("event-over")),
            _ => Problems.NotFound(),
        };

    private async Task<IActionResult> CheckInAsync(string id, string registrationId, bool attended, CancellationToken cancellationToken) =>
        await registrations.CheckInAsync(id, registrationId, attended, Actor.ManagementKey, cancellationToken) switch
        {
            CheckInResult.Done => new OkObjectResult(new { registrationId, attended }),
            CheckInResult.NotConfirmed => Problems.Create(StatusCodes.Status409Conflict, "Not confirmed", "Only confirmed registrations can be checked in.", Problems.TypeUri("not-confirmed")),
            _ => Problems.NotFound(),
        };
}
