
namespace GoodThings.Registrations;

/// <summary>The registration form's post, and a person's own registration page, reached from the link in their emails.</summary>
public sealed class RegistrationPagesFunctions(EventService events, RegistrationLanes lanes, RegistrationService registrations, TimeProvider time)
{
    /// <summary>The form post: errors re-render with the values kept; success goes to the person's own page.</summary>
    [Function("EventPageRegister")]
    public async Task<IActionResult> Register(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = EventPagesFunctions.SlugRoute)] HttpRequest request, string slug, CancellationToken cancellationToken)
    {
        if (await events.GetPublicAsync(slug, cancellationToken) is not { } found)
        {
            return HtmlPage.NotFound();
        }

        var now = time.GetUtcNow();
        if (await HtmlForms.ReadAsync(request, cancellationToken) is not { } form)
        {
            return new HtmlPage(new MessagePage("That didn't work", "Please fill in the registration form on the event page and send it again."), StatusCodes.Status400BadRequest);
        }

        if (HtmlForms.IsBot(form, RegistrationFields.Honeypot))
        {
            return new HtmlPage(new MessagePage("Thank you", "Check your email for your confirmation."));
        }

        var submitted = RegistrationForms.ToRequest(form);
        var validator = new Validator();
        if (submitted.Validate(validator) is not { } input)
        {
            return new HtmlPage(
                EventPages.Event(found, now, RegistrationForms.WithErrors(submitted, validator.Errors), submitted.Invitation), StatusCodes.Status400BadRequest, personal: submitted.Invitation is not null);
        }

        return await lanes.RegisterAsync(found, input, cancellationToken) switch
        {
            RegisterOutcome.Created created => new SeeOther($"/registrations/{registrations.ManageToken(created.Event, created.Registration)}?new=1"),
            // Never the manage link here: whoever typed someone else's address must not get their registration.
            RegisterOutcome.Existing => new HtmlPage(new MessagePage(
                "You're already registered",
                "This email address is already registered for this event. We've emailed your confirmation with a link to manage your place (we send it again at most once an hour).")),
            RegisterOutcome.Closed => new HtmlPage(EventPages.Event(found, now), StatusCodes.Status409Conflict),
            RegisterOutcome.Forbidden forbidden => new HtmlPage(new MessagePage("You need an invitation", forbidden.Detail), StatusCodes.Status403Forbidden),
            _ => HtmlPage.NotFound(),
        };
    }

    [Function("RegistrationPage")]
    public async Task<IActionResult> Show(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "registrations/{token}")] HttpRequest request, string token, CancellationToken cancellationToken)
    {
        if (await registrations.GetByTokenAsync(token, cancellationToken) is not { } view)
        {
            return HtmlPage.NotFound();
        }

        var notice = (request.Query.ContainsKey("new"), request.Query.ContainsKey("cancelled"), view.Registration.Status) switch
        {
            (true, _, RegistrationStatus.Confirmed) => RegistrationNotice.Registered,
            (true, _, RegistrationStatus.Waitlisted) => RegistrationNotice.Waitlisted,
            (_, true, RegistrationStatus.Cancelled) => RegistrationNotice.Cancelled,
            _ => RegistrationNotice.None,
        };
        return new HtmlPage(EventPages.Registration(view, time.GetUtcNow(), notice), personal: true);
    }

    [Function("RegistrationPageCancel")]
    public async Task<IActionResult> Cancel(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registrations/{token}/cancel")] HttpRequest request, string token, CancellationToken cancellationToken)
    {
        switch (await registrations.CancelByTokenAsync(token, cancellationToken))
        {
            case CancelResult.Cancelled or CancelResult.AlreadyCancelled:
                return new SeeOther($"/registrations/{token}?cancelled=1");
            case CancelResult.TooLate when await registrations.GetByTokenAsync(token, cancellationToken) is { } view:
                return new HtmlPage(EventPages.Registration(view, time.GetUtcNow(), RegistrationNotice.None), StatusCodes.Status409Conflict, personal: true);
            default:
                return HtmlPage.NotFound();
        }
    }
}
