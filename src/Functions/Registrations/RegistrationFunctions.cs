
namespace GoodThings.Registrations;

/// <summary>The public JSON API for registrations: register, read and cancel with the manage link's token.</summary>
public sealed class RegistrationFunctions(RegistrationLanes lanes, RegistrationService registrations, TimeProvider time)
{
    [Function("Register")]
    public async Task<IActionResult> Register(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/events/{slug}/registrations")] HttpRequest request, string slug, CancellationToken cancellationToken)
    {
        var input = await JsonRequests.ReadValidAsync<RegistrationRequest, RegistrationInput>(request, (body, v) => body.Validate(v), cancellationToken);
        if (!input.Succeeded)
        {
            return input.Problem!;
        }

        return await lanes.RegisterAsync(slug, input.Value!, cancellationToken) switch
        {
            RegisterOutcome.Created created => new ObjectResult(Response(created.Registration, created.WaitlistPosition)) { StatusCode = StatusCodes.Status201Created },
            RegisterOutcome.Existing existing => new OkObjectResult(Response(existing.Registration, existing.WaitlistPosition)),
            RegisterOutcome.Closed => RegistrationClosed(),
            RegisterOutcome.Forbidden forbidden => Problems.Create(StatusCodes.Status403Forbidden, "Invitation needed", forbidden.Detail, Problems.TypeUri(forbidden.Type)),
            _ => Problems.NotFound(),
        };
    }

    [Function("GetRegistration")]
    public async Task<IActionResult> GetRegistration(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "api/registrations/{token}")] HttpRequest request, string token, CancellationToken cancellationToken) =>
        await registrations.GetByTokenAsync(token, cancellationToken) is { } view ? new OkObjectResult(AttendeeView(view)) : Problems.NotFound();

    private object AttendeeView(RegistrationView view)
    {
        var e = view.Event;
        return new
        {
            registrationId = view.Registration.Id,
            name = view.Registration.Name,
            status = EventJson.Camel(view.Registration.Status),
            waitlistPosition = view.WaitlistPosition,
            onlineUrl = view.JoinUrl,
            canCancel = view.CanCancel(time.GetUtcNow()),
            @event = new { e.Slug, e.Title, e.Summary, StartsAt = e.StartsAt.UtcDateTime, EndsAt = e.EndsAt.UtcDateTime, e.TimeZone, Format = EventJson.FormatName(e.Format), e.Venue, Status = EventJson.Camel(e.Status) },
        };
    }

    [Function("CancelRegistration")]
    public async Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/registrations/{token}/cancel")] HttpRequest request, string token, CancellationToken cancellationToken) =>
        await registrations.CancelByTokenAsync(token, cancellationToken) switch
        {
            CancelResult.Cancelled or CancelResult.AlreadyCancelled => new OkObjectResult(new { status = "cancelled" }),
            CancelResult.TooLate => Problems.Create(StatusCodes.Status409Conflict, "Event already started", "Registrations can be cancelled until the event starts.", Problems.TypeUri("event-started")),
            _ => Problems.NotFound(),
        };

    private static ObjectResult RegistrationClosed() =>
        Problems.Create(StatusCodes.Status409Conflict, "Registration closed", "This event is not taking registrations: it has closed, been cancelled or is over.", Problems.TypeUri("registration-closed"));

    private static object Response(RegistrationRecord registration, int? waitlistPosition) =>
        new { registrationId = registration.Id, status = EventJson.Camel(registration.Status), waitlistPosition };
}
