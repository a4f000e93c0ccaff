namespace GoodThings.Templates.Emails;

/// <summary>After the event, to confirmed people who were not checked in: sorry we missed you.</summary>
[Template("FollowUpMissed")]
public sealed record FollowUpMissed(string? RecipientName, EventDetails Event, string? RecordingUrl = null) : IEmailModel
{
    public string FooterReason => FooterReasons.Registered(Event);

    public string? UnsubscribeUrl => null;
}
