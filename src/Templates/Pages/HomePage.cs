namespace GoodThings.Templates.Pages;

/// <summary><c>GET /</c>: upcoming events, soonest first, with a link to the calendar feed.</summary>
/// <param name="Events">Published events that have not ended, in the order to show them; may be empty.</param>
[Template("Home")]
public sealed record HomePage(IReadOnlyList<EventCard> Events) : IPageModel
{
    public string Title => "Upcoming events";

    public bool HasEvents => Events.Count > 0;
}
