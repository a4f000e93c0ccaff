
namespace GoodThings.Events;

/// <summary>The public JSON API for events: what is coming up, and one event by slug.</summary>
public sealed class EventFunctions(EventService events, TimeProvider time)
{
    [Function("ListPublicEvents")]
    public async Task<IActionResult> ListEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/events")] HttpRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return new OkObjectResult((await events.ListUpcomingPublishedAsync(cancellationToken)).Select(e => EventJson.Public(e, now)));
    }

    [Function("GetPublicEvent")]
    public async Task<IActionResult> GetEvent(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/events/{slug}")] HttpRequest request, string slug, CancellationToken cancellationToken) =>
        await events.GetPublicAsync(slug, cancellationToken) is { } found
            ? new OkObjectResult(EventJson.Public(found, time.GetUtcNow()))
            : Problems.NotFound();
}
