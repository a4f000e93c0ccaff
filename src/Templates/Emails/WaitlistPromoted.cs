namespace GoodThings.Templates.Emails;

/// <summary>A place came up for someone on the waitlist: "you're in". The calendar invite goes with it.</summary>
/// <param name="JoinUrl">The online link, for online and hybrid events only.</param>
/// <param name="CheckIn">The QR code to show at the door, for events with a venue.</param>
[Template("WaitlistPromoted")]
public sealed record WaitlistPromoted(string? RecipientName, EventDetails Event, string ManageUrl, string? JoinUrl = null, CheckInImage? CheckIn = null) : IEmailModel
{
    public string FooterReason => FooterReasons.Registered(Event);

    public string? UnsubscribeUrl => null;
}
