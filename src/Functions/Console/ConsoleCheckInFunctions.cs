namespace GoodThings.OrganiserConsole;

/// <summary>
/// <c>/console/check-in/{token}</c>, the page a check-in QR code opens. The gate comes first, so a visitor who is not
/// signed in learns nothing, not even whether the token is good; a bad token is then a 404.
/// </summary>
public sealed class ConsoleCheckInFunctions(ConsoleGate gate, ConsoleCheckIn checkIn)
{
    [Function("ConsoleCheckInPage")]
    public async Task<IActionResult> Page(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsoleRoutes.CheckIn)] HttpRequest request, string token, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return await checkIn.PageAsync(token, entry!.Header, cancellationToken) is { } page
            ? new HtmlPage(page, personal: true)
            : HtmlPage.NotFound();
    }

    [Function("ConsoleCheckIn")]
    public async Task<IActionResult> CheckIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ConsoleRoutes.CheckIn)] HttpRequest request, string token, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!bool.TryParse(entry!.Form.GetValueOrDefault("attended").ToString(), out var attended))
        {
            return Message(StatusCodes.Status400BadRequest, "Nothing was changed", "The form did not say whether to check in or undo it. Go back, reload the page and try again.", token);
        }

        return await checkIn.CheckInAsync(token, attended, entry.Organiser.Actor, cancellationToken) switch
        {
            null or CheckInResult.NotFound => HtmlPage.NotFound(),
            CheckInResult.NotConfirmed => Message(StatusCodes.Status409Conflict, "Not confirmed", "Only confirmed registrations can be checked in, so nothing was changed.", token),
            _ => new SeeOther(ConsoleRoutes.CheckInPath(token)),
        };
    }

    private static HtmlPage Message(int status, string title, string message, string token) =>
        new(new ConsoleMessagePage(title, message, ConsoleRoutes.CheckInPath(token), "Back to the check-in page"), status, personal: true);
}
