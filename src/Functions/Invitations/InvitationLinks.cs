namespace GoodThings.Invitations;

/// <summary>What an invitation link's token names: the event, and the invited address's key.</summary>
public sealed record InvitationLink(string EventId, string AddressKey);

/// <summary>
/// The personal links in an invitation: a signed token with purpose <c>invitation</c>, valid until the event's
/// registration closes. Accepting opens the event's form with the token; declining has its own page.
/// </summary>
public sealed class InvitationLinks(TokenService tokens, IOptions<SiteOptions> site)
{
    public const string TokenPurpose = "invitation";

    /// <summary>The query parameter that carries the token to the event page and the registration form.</summary>
    public const string QueryName = "invitation";

    public string Token(EventRecord @event, InvitationRecord invitation) =>
        tokens.Create(TokenPurpose, $"{@event.Id}.{invitation.Key}", @event.EffectiveRegistrationClosesAt);

    public InvitationLink? Read(string? token) =>
        tokens.Read(token, TokenPurpose)?.Split('.') is [var eventId, var addressKey] ? new InvitationLink(eventId, addressKey) : null;

    /// <summary>The event page with the form filled in for the invitee.</summary>
    public string AcceptUrl(EventRecord @event, string token) => site.Value.Link($"events/{@event.Slug}?{QueryName}={Uri.EscapeDataString(token)}#register");

    public string DeclineUrl(string token) => site.Value.Link($"invitations/{Uri.EscapeDataString(token)}/decline");
}
