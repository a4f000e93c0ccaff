using GoodThings.Templates.Formatting;

namespace GoodThings.Templates.Emails;

/// <summary>A reminder sent a while before the event starts.</summary>
/// <param name="Before">How long before the start it is sent, such as 24 hours or 1 hour.</param>
/// <param name="JoinUrl">The online link, when this reminder should carry it.</param>
/// <param name="CheckIn">The QR code to show at the door, for events with a venue.</param>
[Template("Reminder")]
public sealed record Reminder(string? RecipientName, EventDetails Event, TimeSpan Before, string ManageUrl, string? JoinUrl = null, CheckInImage? CheckIn = null) : IEmailModel
{
    /// <summary>"24 hours", "1 hour".</summary>
    public string StartsIn => Durations.Describe(Before);

    public string FooterReason => FooterReasons.Registered(Event);

    public string? UnsubscribeUrl => null;
}
