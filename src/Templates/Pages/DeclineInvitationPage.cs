namespace GoodThings.Templates.Pages;

/// <summary>
/// <c>GET /invitations/{token}/decline</c>, from the "Decline" link in an invitation: the event, an optional one-line
/// reason and a button that declines (opening the link changes nothing: mail scanners open links too). Once
/// <see cref="Declined"/>, it thanks the person and still offers to accept while registration is open.
/// </summary>
/// <param name="Token">The invitation token; the form posts back with it, and the accept link carries it.</param>
/// <param name="Name">The invitee's name, for the greeting.</param>
/// <param name="CanAccept">Registration is still open, so a change of mind can still be acted on.</param>
[Template("DeclineInvitation")]
public sealed record DeclineInvitationPage(EventFacts Event, string Token, string Name, bool Declined, bool CanAccept) : IPageModel
{
    /// <summary>The reason field's name (and its input's id).</summary>
    public const string ReasonField = "reason";

    /// <summary>What was typed, kept when the form comes back with an error.</summary>
    public string? Reason { get; init; }

    public string? ReasonError { get; init; }

    public string Title => (ReasonError is null ? "" : "Error: ") + (Declined ? "Thanks for letting us know" : "Decline your invitation");

    /// <summary>"/invitations/{token}/decline": where the button posts.</summary>
    public string DeclinePath => InvitationPaths.Decline(Token);

    /// <summary>"/events/{slug}?invitation={token}#register": the form, filled in.</summary>
    public string AcceptPath => InvitationPaths.Accept(Event, Token);
}

/// <summary>The site-relative links an invitation's token opens.</summary>
public static class InvitationPaths
{
    public static string Decline(string token) => $"/invitations/{Uri.EscapeDataString(token)}/decline";

    public static string Accept(EventFacts @event, string token) => $"{@event.Path}?invitation={Uri.EscapeDataString(token)}#register";
}
