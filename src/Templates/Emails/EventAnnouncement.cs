namespace GoodThings.Templates.Emails;

/// <summary>Tells subscribers about a newly published event.</summary>
[Template("EventAnnouncement")]
public sealed record EventAnnouncement(string? RecipientName, EventDetails Event, string UnsubscribeUrl, string PreferencesUrl) : IEmailModel
{
    public string FooterReason => FooterReasons.Subscribed;
}
