using Microsoft.Net.Http.Headers;

namespace GoodThings.Invitations;

/// <summary>Organisers' invitation API (function key): invite by JSON or CSV, track the answers, nudge who has not answered.</summary>
public sealed class ManageInvitationsFunctions(InvitationService invitations, IdempotentRequests idempotent)
{
    [Function("ManageInvite")]
    public Task<IActionResult> Invite(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/events/{id}/invitations")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        idempotent.RunAsync(request, () => InviteAsync(request, id, cancellationToken), cancellationToken);

    private async Task<IActionResult> InviteAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var list = CsvType(request) is { } csv ? await ReadCsvAsync(request, csv, cancellationToken) : await ReadJsonAsync(request, cancellationToken);
        return list.Succeeded
            ? (await invitations.InviteAsync(id, list.Value!, Actor.ManagementKey, cancellationToken)).ToResult(summary => new OkObjectResult(summary))
            : list.Problem!;
    }

    [Function("ManageListInvitations")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "api/manage/events/{id}/invitations")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await invitations.ListAsync(id, cancellationToken) is { } list
            ? new OkObjectResult(new
            {
                invitees = list.Invitees.Select(view => new
                {
                    name = view.Invitation.Name,
                    email = view.Invitation.Email,
                    invitedAt = view.Invitation.InvitedAt.UtcDateTime,
                    status = view.Status,
                    respondedAt = view.Invitation.RespondedAt?.UtcDateTime,
                    declineReason = view.Invitation.DeclineReason,
                }),
                totals = list.Totals,
            })
            : Problems.NotFound();

    [Function("ManageRemindInvitees")]
    public Task<IActionResult> Remind(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/events/{id}/invitations/remind")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        idempotent.RunAsync(request, () => RemindAsync(id, cancellationToken), cancellationToken);

    private async Task<IActionResult> RemindAsync(string id, CancellationToken cancellationToken) =>
        (await invitations.RemindAsync(id, Actor.ManagementKey, cancellationToken)).ToResult(summary => new ObjectResult(new { reminded = summary.Reminded, remindedAt = summary.RemindedAt?.UtcDateTime })
        {
            StatusCode = summary.Reminded > 0 ? StatusCodes.Status202Accepted : StatusCodes.Status200OK,
        });

    private static MediaTypeHeaderValue? CsvType(HttpRequest request) =>
        MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && string.Equals(type.MediaType.Value, InvitationInput.CsvMediaType, StringComparison.OrdinalIgnoreCase)
            ? type
            : null;

    private static Task<BodyRead<InviteList>> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken) =>
        JsonRequests.ReadValidAsync<InvitationsRequest, InviteList>(request, InvitationInput.FromJson, InvitationInput.MaxBodyBytes, cancellationToken);

    /// <summary>A CSV file is the body; the organisers' message, if any, comes as the <c>message</c> query parameter.</summary>
    private static async Task<BodyRead<InviteList>> ReadCsvAsync(HttpRequest request, MediaTypeHeaderValue type, CancellationToken cancellationToken)
    {
        if (type.Charset.Value is { } charset && !string.Equals(charset, "utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return new(null, Problems.Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", "Send the CSV file as UTF-8 (text/csv; charset=utf-8)."));
        }

        if (await JsonRequests.ReadLimitedAsync(request, cancellationToken, InvitationInput.MaxBodyBytes) is not { } body)
        {
            return new(null, Problems.Create(StatusCodes.Status413PayloadTooLarge, "Request body too large", $"Files are limited to {InvitationInput.MaxBodyBytes / 1024} KiB."));
        }

        var validator = new Validator();
        var (list, problem) = InvitationInput.FromCsv(body, request.Query["message"].ToString() is { Length: > 0 } message ? message : null, validator);
        return list is not null ? new(list, null)
            : problem is not null ? new(null, Problems.Create(StatusCodes.Status400BadRequest, "Not an invitee list", problem, Problems.TypeUri("invalid-csv")))
            : new(null, Problems.Validation(validator.Errors));
    }
}
