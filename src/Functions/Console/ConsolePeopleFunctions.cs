namespace GoodThings.OrganiserConsole;

/// <summary>
/// An event's people in the console: the registrations list (search, status filter, CSV, cancel, promote), the door's
/// check-in list, and the message form. Each call passes <see cref="ConsoleGate"/> first; every POST answers 303 back
/// to its page (post/redirect/get), or a page saying why nothing changed.
/// </summary>
public sealed class ConsolePeopleFunctions(
    ConsoleGate gate, ConsoleRegistrations registrations, ConsoleCancelStep cancelStep, ConsoleDoor door, ConsoleMessages messages, RegistrationService service)
{
    [Function("ConsoleRegistrations")]
    public async Task<IActionResult> Registrations(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsolePeopleRoutes.Registrations)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (q, status) = (request.Query["q"].ToString(), request.Query["status"].ToString());
        if (!ConsoleRegistrations.IsStatus(status))
        {
            return UnknownStatus(id);
        }

        return await registrations.PageAsync(id, q, status, entry!.Header, cancellationToken) is { } page
            ? new HtmlPage(page, personal: true)
            : HtmlPage.NotFound();
    }

    /// <summary>The same rows as the list shows, in the management API's CSV (whose cells cannot start a formula).</summary>
    [Function("ConsoleRegistrationsCsv")]
    public async Task<IActionResult> RegistrationsCsv(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsolePeopleRoutes.RegistrationsCsv)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (_, refusal) = await gate.EnterAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (q, status) = (request.Query["q"].ToString(), request.Query["status"].ToString());
        if (!ConsoleRegistrations.IsStatus(status))
        {
            return UnknownStatus(id);
        }

        if (await registrations.FindAsync(id, q, status, cancellationToken) is not var (@event, rows, _))
        {
            return HtmlPage.NotFound();
        }

        // Personal data: never kept by a cache.
        request.HttpContext.Response.Headers.CacheControl = "no-store";
        return new FileContentResult(RegistrationExport.ToCsv(rows), "text/csv; charset=utf-8") { FileDownloadName = $"{@event.Slug}-registrations.csv" };
    }

    /// <summary>The confirmation step: who it is and what cancelling does, with the button that posts to the same path.</summary>
    [Function("ConsoleCancelRegistrationPage")]
    public async Task<IActionResult> CancelPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsolePeopleRoutes.Cancel)] HttpRequest request, string id, string registrationId, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (q, status) = (request.Query["q"].ToString(), request.Query["status"].ToString());
        status = ConsoleRegistrations.IsStatus(status) ? status : "";
        var back = ConsolePeopleRoutes.RegistrationsPath(id, q, status);
        return await cancelStep.PageAsync(id, registrationId, q, status, entry!.Header, cancellationToken) switch
        {
            (_, { } page) => new HtmlPage(page, personal: true),
            (CancelRefusal.AlreadyCancelled, _) => Message(StatusCodes.Status409Conflict, "Already cancelled",
                "This registration is already cancelled, so there is nothing to do.", back, "Back to the registrations"),
            (CancelRefusal.TooLate, _) => Message(StatusCodes.Status409Conflict, "Too late to cancel",
                "The event has started, so its registrations can no longer be cancelled.", back, "Back to the registrations"),
            _ => HtmlPage.NotFound(),
        };
    }

    [Function("ConsoleCancelRegistration")]
    public async Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ConsolePeopleRoutes.Cancel)] HttpRequest request, string id, string registrationId, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return await service.CancelByOrganiserAsync(id, registrationId, entry!.Organiser.Actor, cancellationToken) switch
        {
            CancelResult.Cancelled or CancelResult.AlreadyCancelled => BackToList(id, entry.Form),
            CancelResult.TooLate => Message(StatusCodes.Status409Conflict, "Nothing was changed",
                "The event has started, so its registrations can no longer be cancelled.", BackToListPath(id, entry.Form), "Back to the registrations"),
            _ => HtmlPage.NotFound(),
        };
    }

    [Function("ConsolePromoteRegistration")]
    public async Task<IActionResult> Promote(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ConsolePeopleRoutes.Promote)] HttpRequest request, string id, string registrationId, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return await service.PromoteByOrganiserAsync(id, registrationId, entry!.Organiser.Actor, cancellationToken) switch
        {
            PromoteResult.Promoted => BackToList(id, entry.Form),
            PromoteResult.NotWaitlisted => Message(StatusCodes.Status409Conflict, "Nothing was changed",
                "Only people on the waitlist can be promoted, and this person is not on it any more.", BackToListPath(id, entry.Form), "Back to the registrations"),
            PromoteResult.TooLate => Message(StatusCodes.Status409Conflict, "Nothing was changed",
                "The event is over or not published, so nobody can be promoted.", BackToListPath(id, entry.Form), "Back to the registrations"),
            _ => HtmlPage.NotFound(),
        };
    }

    [Function("ConsoleDoor")]
    public async Task<IActionResult> Door(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsolePeopleRoutes.Door)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return await door.PageAsync(id, request.Query["q"].ToString(), entry!.Header, cancellationToken) is { } page
            ? new HtmlPage(page, personal: true)
            : HtmlPage.NotFound();
    }

    [Function("ConsoleDoorCheckIn")]
    public async Task<IActionResult> DoorCheckIn(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ConsolePeopleRoutes.DoorCheckIn)] HttpRequest request, string id, string registrationId, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var back = ConsolePeopleRoutes.DoorPath(id, entry!.Form.Field("q"));
        if (!bool.TryParse(entry.Form.Field("attended"), out var attended))
        {
            return Message(StatusCodes.Status400BadRequest, "Nothing was changed",
                "The form did not say whether to check in or undo it. Go back, reload the page and try again.", back, "Back to the door");
        }

        return await service.CheckInAsync(id, registrationId, attended, entry.Organiser.Actor, cancellationToken) switch
        {
            CheckInResult.Done => new SeeOther(back),
            CheckInResult.NotConfirmed => Message(StatusCodes.Status409Conflict, "Not confirmed",
                "Only confirmed registrations can be checked in, so nothing was changed.", back, "Back to the door"),
            _ => HtmlPage.NotFound(),
        };
    }

    [Function("ConsoleMessageForm")]
    public async Task<IActionResult> MessageForm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = ConsolePeopleRoutes.Message)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        // After sending: the count the send answered with, carried by the redirect; anything else shows no notice.
        int? sentTo = int.TryParse(request.Query["sent"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var sent) ? sent : null;
        return await messages.PageAsync(id, entry!.Header, new ConsoleMessageForm(), preview: false, sentTo, cancellationToken) is { } page
            ? new HtmlPage(page, personal: true)
            : HtmlPage.NotFound();
    }

    /// <summary>"Preview": the rendered email and how many will receive it, or the form again with its errors (400), nothing sent.</summary>
    [Function("ConsoleMessagePreview")]
    public async Task<IActionResult> MessagePreview(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ConsolePeopleRoutes.Message)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (form, _) = ConsoleMessages.Read(entry!.Form.Field("subject"), entry.Form.Field("body"), entry.Form.Field("audience"));
        return await messages.PageAsync(id, entry.Header, form, preview: true, sentTo: null, cancellationToken) is { } page
            ? new HtmlPage(page, form.HasErrors ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK, personal: true)
            : HtmlPage.NotFound();
    }

    [Function("ConsoleMessageSend")]
    public async Task<IActionResult> MessageSend(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ConsolePeopleRoutes.MessageSend)] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var (entry, refusal) = await gate.EnterAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (form, valid) = ConsoleMessages.Read(entry!.Form.Field("subject"), entry.Form.Field("body"), entry.Form.Field("audience"));
        if (valid is null)
        {
            return await messages.PageAsync(id, entry.Header, form, preview: false, sentTo: null, cancellationToken) is { } page
                ? new HtmlPage(page, StatusCodes.Status400BadRequest, personal: true)
                : HtmlPage.NotFound();
        }

        return await messages.SendAsync(id, valid, entry.Organiser.Actor, cancellationToken) switch
        {
            Outcome<int>.Ok { Value: var recipients } => new SeeOther(ConsolePeopleRoutes.MessageSentPath(id, recipients)),
            _ => HtmlPage.NotFound(),
        };
    }

    private static string BackToListPath(string id, IReadOnlyDictionary<string, StringValues> form)
    {
        var status = form.Field("status") ?? "";
        return ConsolePeopleRoutes.RegistrationsPath(id, form.Field("q"), ConsoleRegistrations.IsStatus(status) ? status : null);
    }

    private static SeeOther BackToList(string id, IReadOnlyDictionary<string, StringValues> form) => new(BackToListPath(id, form));

    private static HtmlPage UnknownStatus(string id) => Message(StatusCodes.Status400BadRequest, "Unknown status",
        "The status filter must be all, confirmed, waitlisted or cancelled.", ConsolePeopleRoutes.RegistrationsPath(id), "Show all registrations");

    private static HtmlPage Message(int status, string title, string message, string linkPath, string linkText) =>
        new(new ConsoleMessagePage(title, message, linkPath, linkText), status, personal: true);
}
