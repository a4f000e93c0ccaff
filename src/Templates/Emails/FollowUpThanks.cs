namespace GoodThings.Templates.Emails;

/// <summary>After the event, to people who came: thanks, and the links that exist.</summary>
[Template("FollowUpThanks")]
public sealed record FollowUpThanks(
    string? RecipientName,
    EventDetails Event,
    string? RecordingUrl = null,
    string? SlidesUrl = null,
    string? FeedbackUrl = null) : IEmailModel
{
    public string FooterReason => FooterReasons.Registered(Event);

    public string? UnsubscribeUrl => null;
}
