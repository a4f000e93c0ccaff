using GoodThings.Events;
using GoodThings.Templates.Pages;
using GoodThings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GoodThings.Registrations;

/// <summary>A person's own registration page, reached from the link in their emails.</summary>
public sealed class RegistrationPagesFunctions(RegistrationService registrations, TimeProvider time)
{
    [Function("RegistrationPage")]
    public async Task<IActionResult> Show(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "registrations/{token}")] HttpRequest request, string token, CancellationToken cancellationToken)
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
