namespace GoodThings.Templates.Emails;

/// <summary>A message the organisers wrote to the people registered for an event.</summary>
/// <param name="MessageSubject">The organisers' subject line, used as the email's subject.</param>
/// <param name="MessageBody">Markdown; raw HTML in it is shown as text.</param>
[Template("OrganiserMessage")]
public sealed record OrganiserMessage(string? RecipientName, EventDetails Event, string MessageSubject, string MessageBody, string ManageUrl) : IEmailModel
{
    public string FooterReason => FooterReasons.Registered(Event);

    public string? UnsubscribeUrl => null;
}
