namespace GoodThings.OrganiserConsole;

/// <summary>
/// The console's event pages: <c>/console/events/new</c>, <c>/console/events/{id}</c> (the hub) and its edit, publish
/// and cancel routes. Each passes the gate once, then hands the form to <see cref="ConsoleEvents"/>.
/// </summary>
public sealed class ConsoleEventsFunctions(ConsoleGate gate, ConsoleEvents events)
{
    [Function("ConsoleNewEventPage")]
    public async Task<IActionResult> NewPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsoleRoutes.NewEvent)] HttpRequest request, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        return refusal ?? new HtmlPage(ConsoleEvents.NewForm(entry!.Header), personal: true);
    }

    [Function("ConsoleCreateEvent")]
    public async Task<IActionResult> Create(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ConsoleRoutes.NewEvent)] HttpRequest request, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        return refusal ?? Answer(await events.CreateAsync(entry!.Form, entry.Header, entry.Organiser.Actor, cancellationToken));
    }

    [Function("ConsoleEventHub")]
    public async Task<IActionResult> Hub(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsoleRoutes.Event)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        return refusal ?? Answer(await events.HubAsync(id, request.Query["done"].ToString(), entry!.Header, cancellationToken));
    }

    [Function("ConsoleEditEventPage")]
    public async Task<IActionResult> EditPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsoleRoutes.EditEvent)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        return refusal ?? Answer(await events.EditFormAsync(id, entry!.Header, cancellationToken));
    }

    [Function("ConsoleEditEvent")]
    public async Task<IActionResult> Edit(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ConsoleRoutes.EditEvent)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        return refusal ?? Answer(await events.EditAsync(id, entry!.Form, entry.Header, entry.Organiser.Actor, cancellationToken));
    }

    [Function("ConsolePublishEvent")]
    public async Task<IActionResult> Publish(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ConsoleRoutes.PublishEvent)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        // An unticked box sends nothing; a ticked one sends "true".
        var announce = entry!.Form.Field("announce") switch
        {
            null or "" => false,
            "true" => true,
            _ => (bool?)null,
        };
        return announce is { } yes
            ? Answer(await events.PublishAsync(id, yes, entry.Organiser.Actor, cancellationToken))
            : Answer(ConsoleAnswer.Refused(StatusCodes.Status400BadRequest, "Nothing was changed",
                "The form did not say whether to announce the event. Go back, reload the page and try again.", ConsoleRoutes.EventPath(id)));
    }

    [Function("ConsoleCancelEventPage")]
    public async Task<IActionResult> CancelPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsoleRoutes.CancelEvent)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        return refusal ?? Answer(await events.CancelPageAsync(id, entry!.Header, cancellationToken));
    }

    [Function("ConsoleCancelEvent")]
    public async Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ConsoleRoutes.CancelEvent)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        return refusal ?? Answer(await events.CancelAsync(id, entry!.Form.Field(ConsoleCancelForm.ReasonField), entry.Header, entry.Organiser.Actor, cancellationToken));
    }

    private static IActionResult Answer(ConsoleAnswer answer) => answer.ToActionResult();
}
