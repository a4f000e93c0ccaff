namespace GoodThings.Templates.Emails;

/// <summary>A confirmed place. The calendar invite goes with it.</summary>
/// <param name="JoinUrl">The online link, for online and hybrid events only.</param>
[Template("RegistrationConfirmed")]
public sealed record RegistrationConfirmed(string? RecipientName, EventDetails Event, string ManageUrl, string? JoinUrl = null) : IEmailModel
{
    public string FooterReason => FooterReasons.Registered(Event);

    public string? UnsubscribeUrl => null;
}
