namespace GoodThings.Campaigns;

/// <summary>Organisers' campaign API (function key): create, list, read, patch a draft, test, send, cancel.</summary>
public sealed class ManageCampaignsFunctions(CampaignService campaigns, IdempotentRequests idempotent)
{
    private const string MergePatchJson = "application/merge-patch+json";

    [Function("ManageCreateCampaign")]
    public Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/campaigns")] HttpRequest request, CancellationToken cancellationToken) =>
        idempotent.RunAsync(request, () => CreateAsync(request, cancellationToken), cancellationToken);

    private async Task<IActionResult> CreateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var content = await JsonRequests.ReadValidAsync<CampaignInput, CampaignContent>(request, CampaignValidation.Validate, CampaignValidation.RequestBytes, cancellationToken);
        return content.Succeeded
            ? (await campaigns.CreateAsync(content.Value!, Actor.ManagementKey, cancellationToken)).ToResult(created => new CreatedResult($"/api/manage/campaigns/{created.Id}", CampaignJson.Of(created)))
            : content.Problem!;
    }

    [Function("ManageListCampaigns")]
    public async Task<IActionResult> List(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "api/manage/campaigns")] HttpRequest request, CancellationToken cancellationToken) =>
        new OkObjectResult((await campaigns.ListAsync(cancellationToken)).Select(CampaignJson.Summary));

    [Function("ManageGetCampaign")]
    public async Task<IActionResult> Get(
        [HttpTrigger(AuthorizationLevel.Function, "get", "head", Route = "api/manage/campaigns/{id}")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        await campaigns.GetAsync(id, cancellationToken) is { } progress ? new OkObjectResult(CampaignJson.Of(progress.Campaign, progress.Counts)) : Problems.NotFound();

    [Function("ManagePatchCampaign")]
    public async Task<IActionResult> Patch(
        [HttpTrigger(AuthorizationLevel.Function, "patch", Route = "api/manage/campaigns/{id}")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var patch = await JsonRequests.ReadObjectAsync(request, CampaignValidation.RequestBytes, cancellationToken, MergePatchJson, "application/json");
        return patch.Succeeded
            ? (await campaigns.PatchAsync(id, patch.Value!, Actor.ManagementKey, cancellationToken)).ToResult(updated => new OkObjectResult(CampaignJson.Of(updated)))
            : patch.Problem!;
    }

    [Function("ManageTestCampaign")]
    public Task<IActionResult> Test(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/campaigns/{id}/test")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        idempotent.RunAsync(request, () => TestAsync(request, id, cancellationToken), cancellationToken);

    private async Task<IActionResult> TestAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var emails = await JsonRequests.ReadValidAsync<TestSendInput, List<string>>(request, CampaignValidation.ValidateTestAddresses, cancellationToken);
        return emails.Succeeded
            ? (await campaigns.TestAsync(id, emails.Value!, Actor.ManagementKey, cancellationToken)).ToResult(sent => new AcceptedResult((string?)null, new TestSendResponse(sent)))
            : emails.Problem!;
    }

    [Function("ManageSendCampaign")]
    public Task<IActionResult> Send(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/campaigns/{id}/send")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        idempotent.RunAsync(request, () => SendAsync(request, id, cancellationToken), cancellationToken);

    private async Task<IActionResult> SendAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        // The body is optional; when given it must be {"sendAt": "…"}.
        DateTimeOffset? sendAt = null;
        if (request.ContentLength is not (null or 0) || request.Headers.TransferEncoding.Count > 0)
        {
            var body = await JsonRequests.ReadValidAsync<SendInput, DateTimeOffset?>(request, (input, v) => v.Instant("sendAt", input.SendAt), cancellationToken);
            if (!body.Succeeded)
            {
                return body.Problem!;
            }

            sendAt = body.Value;
        }

        return (await campaigns.SendAsync(id, sendAt, Actor.ManagementKey, cancellationToken))
            .ToResult(scheduled => new AcceptedResult($"/api/manage/campaigns/{scheduled.Id}", CampaignJson.Of(scheduled)));
    }

    [Function("ManageCancelCampaign")]
    public Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/campaigns/{id}/cancel")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        idempotent.RunAsync(
            request,
            async () => (await campaigns.CancelAsync(id, Actor.ManagementKey, cancellationToken)).ToResult(cancelled => new OkObjectResult(CampaignJson.Of(cancelled))),
            cancellationToken);

}
