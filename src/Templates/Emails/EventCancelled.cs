namespace GoodThings.Templates.Emails;

/// <summary>The organisers cancelled the event. A calendar cancellation goes with it.</summary>
/// <param name="Reason">The organisers' reason, in their words, or null.</param>
[Template("EventCancelled")]
public sealed record EventCancelled(string? RecipientName, EventDetails Event, string? Reason) : IEmailModel
{
    public string FooterReason => FooterReasons.Registered(Event);

    public string? UnsubscribeUrl => null;
}
