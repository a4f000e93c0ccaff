using GoodThings.Templates.Formatting;

namespace GoodThings.Templates.Emails;

/// <summary>
/// A personal invitation to an event, or (with <see cref="IsReminder"/>) the one nudge to someone who has not answered.
/// No calendar file goes with it: that comes with the confirmation, once the person accepts.
/// </summary>
/// <param name="AcceptUrl">The event page with the registration form filled in for this person.</param>
/// <param name="DeclineUrl">A page with a button that declines (opening it changes nothing).</param>
/// <param name="RespondBy">When registration closes, after which the links stop working.</param>
/// <param name="OrganiserMessage">Markdown from the organisers; raw HTML in it is shown as text.</param>
[Template("Invitation")]
public sealed record Invitation(
    string? RecipientName, EventDetails Event, string AcceptUrl, string DeclineUrl, DateTimeOffset RespondBy, string? OrganiserMessage = null, bool IsReminder = false) : IEmailModel
{
    public string FooterReason => $"You're receiving this email because the organisers of {Event.Title} invited you.";

    public string? UnsubscribeUrl => null;

    /// <summary>"Tuesday 3 March 2026, 6:30pm": the reply-by time in the event's time zone.</summary>
    public string RespondByText => EventTimes.Moment(RespondBy, Event.TimeZone);

    public bool HasOrganiserMessage => !string.IsNullOrWhiteSpace(OrganiserMessage);
}
