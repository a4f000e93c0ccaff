namespace GoodThings.Templates.Emails;

/// <summary>The organisers changed the time, place or online link. An updated calendar invite goes with it.</summary>
/// <param name="Event">The event as it is now.</param>
/// <param name="JoinUrl">The online link, for confirmed attendees of online and hybrid events.</param>
[Template("EventUpdated")]
public sealed record EventUpdated(string? RecipientName, EventDetails Event, EventChange Changes, string ManageUrl, string? JoinUrl = null) : IEmailModel
{
    public bool TimeChanged => Changes.HasFlag(EventChange.Time);

    public bool PlaceChanged => Changes.HasFlag(EventChange.Place);

    public bool JoinUrlChanged => Changes.HasFlag(EventChange.JoinUrl);

    public string FooterReason => FooterReasons.Registered(Event);

    public string? UnsubscribeUrl => null;
}

[Flags]
public enum EventChange
{
    None = 0,
    Time = 1,
    Place = 2,
    JoinUrl = 4,
}
