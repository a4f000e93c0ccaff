namespace GoodThings.Templates.Emails;

/// <summary>Acknowledges that the person cancelled their own registration.</summary>
[Template("RegistrationCancelled")]
public sealed record RegistrationCancelled(string? RecipientName, EventDetails Event) : IEmailModel
{
    public string FooterReason => FooterReasons.Registered(Event);

    public string? UnsubscribeUrl => null;
}
