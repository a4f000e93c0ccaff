namespace GoodThings.Templates.Emails;

/// <summary>The event was full, so the person joined the waitlist.</summary>
/// <param name="Position">1 for the first person waiting.</param>
[Template("RegistrationWaitlisted")]
public sealed record RegistrationWaitlisted(string? RecipientName, EventDetails Event, int Position, string ManageUrl) : IEmailModel
{
    public string FooterReason => FooterReasons.Registered(Event);

    public string? UnsubscribeUrl => null;
}
