
namespace GoodThings.Health;

public sealed class HealthFunction(StorageHealthCheck storage)
{
    [Function("HealthFunction")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/health")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        return await storage.IsHealthyAsync(cancellationToken)
            ? new OkObjectResult(new { status = "ok" })
            : Problems.Create(StatusCodes.Status503ServiceUnavailable, "Storage unavailable", "Table Storage did not answer.");
    }
}
