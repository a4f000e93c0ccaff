namespace GoodThings.Templates.Emails;

/// <summary>One subscriber's copy of a campaign.</summary>
/// <param name="CampaignSubject">The campaign's subject line.</param>
/// <param name="Preheader">The preview line inboxes show after the subject, or null.</param>
/// <param name="Body">Markdown; raw HTML in it is shown as text.</param>
/// <param name="IsTest">A test send: the subject starts "[Test]".</param>
[Template("Newsletter")]
public sealed record Newsletter(
    string? RecipientName,
    string CampaignSubject,
    string? Preheader,
    string Body,
    string UnsubscribeUrl,
    string PreferencesUrl,
    bool IsTest = false) : IEmailModel
{
    public string FooterReason => FooterReasons.Subscribed;
}
