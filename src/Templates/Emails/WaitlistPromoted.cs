namespace GoodThings.Templates.Emails;

/// <summary>A place came up for someone on the waitlist: "you're in". The calendar invite goes with it.</summary>
/// <param name="JoinUrl">The online link, for online and hybrid events only.</param>
[Template("WaitlistPromoted")]
public sealed record WaitlistPromoted(string? RecipientName, EventDetails Event, string ManageUrl, string? JoinUrl = null) : IEmailModel
{
    public string FooterReason => FooterReasons.Registered(Event);

    public string? UnsubscribeUrl => null;
}
