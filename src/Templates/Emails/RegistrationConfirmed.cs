namespace GoodThings.Templates.Emails;

/// <summary>A confirmed place. The calendar invite goes with it.</summary>
/// <param name="JoinUrl">The online link, for online and hybrid events only.</param>
/// <param name="CheckIn">The QR code to show at the door, for events with a venue.</param>
[Template("RegistrationConfirmed")]
public sealed record RegistrationConfirmed(string? RecipientName, EventDetails Event, string ManageUrl, string? JoinUrl = null, CheckInImage? CheckIn = null) : IEmailModel
{
    public string FooterReason => FooterReasons.Registered(Event);

    public string? UnsubscribeUrl => null;
}
