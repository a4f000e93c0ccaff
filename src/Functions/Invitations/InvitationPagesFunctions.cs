namespace GoodThings.Invitations;

/// <summary>
/// The "Decline" link of an invitation. Opening it changes nothing (mail scanners open links); its button's POST
/// records the answer, with an optional one-line reason.
/// </summary>
public sealed class InvitationPagesFunctions(InvitationService invitations, TimeProvider time)
{
    private const int MaxReasonLength = 200;

    [Function("DeclineInvitationPage")]
    public async Task<IActionResult> Show(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "invitations/{token}/decline")] HttpRequest request, string token, CancellationToken cancellationToken) =>
        await invitations.GetByTokenAsync(token, cancellationToken) is var (@event, invitation)
            ? Page(@event, invitation, token, declined: invitation.Status == InvitationStatus.Declined)
            : InvalidLink();

    [Function("DeclineInvitationPageDecline")]
    public async Task<IActionResult> Decline(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "invitations/{token}/decline")] HttpRequest request, string token, CancellationToken cancellationToken)
    {
        if (await invitations.GetByTokenAsync(token, cancellationToken) is not var (@event, invitation))
        {
            return InvalidLink();
        }

        var form = await HtmlForms.ReadAsync(request, cancellationToken);
        var validator = new Validator();
        var reason = validator.Text(DeclineInvitationPage.ReasonField, form?.Field(DeclineInvitationPage.ReasonField), MaxReasonLength);
        if (form is null || !validator.IsValid)
        {
            var error = validator.Errors.Values.FirstOrDefault()?.FirstOrDefault() is { } message
                ? HtmlForms.Humanise("Your message", message)
                : "Send the form on this page again.";
            var model = Model(@event, invitation, token, declined: false) with { Reason = form?.Field(DeclineInvitationPage.ReasonField), ReasonError = error };
            return new HtmlPage(model, StatusCodes.Status400BadRequest, personal: true);
        }

        return await invitations.DeclineAsync(token, reason, cancellationToken) switch
        {
            DeclineResult.Declined => Page(@event, invitation, token, declined: true),
            DeclineResult.AlreadyAccepted => new HtmlPage(
                new MessagePage("You've already accepted", "You accepted this invitation and registered. If you can no longer come, cancel your place with the link in your confirmation email."),
                StatusCodes.Status409Conflict,
                personal: true),
            _ => InvalidLink(),
        };
    }

    private HtmlPage Page(EventRecord @event, InvitationRecord invitation, string token, bool declined) =>
        new(Model(@event, invitation, token, declined), personal: true);

    private DeclineInvitationPage Model(EventRecord @event, InvitationRecord invitation, string token, bool declined) =>
        new(EventPages.Facts(@event), token, invitation.Name, declined, @event.IsOpenForRegistration(time.GetUtcNow()));

    private static HtmlPage InvalidLink() =>
        new(new MessagePage("This link is not valid", "It may have expired (invitations last until registration closes), or been copied incompletely."), StatusCodes.Status404NotFound);
}
