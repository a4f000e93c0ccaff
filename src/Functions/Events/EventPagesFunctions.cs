
namespace GoodThings.Events;

/// <summary>The public website's event pages and calendar files.</summary>
public sealed class EventPagesFunctions(EventService events, InvitationService invitations, CalendarFiles calendars, TimeProvider time)
{
    // Slugs are a-z, 0-9 and '-'; the constraint keeps "/events/x.ics" for the calendar route.
    internal const string SlugRoute = "events/{slug:regex(^[a-z0-9-]+$)}";

    [Function("HomePage")]
    public async Task<IActionResult> Home(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{ignored:maxlength(0)?}")] HttpRequest request, CancellationToken cancellationToken) =>
        new HtmlPage(EventPages.Home(await events.ListUpcomingPublishedAsync(cancellationToken), time.GetUtcNow()));

    /// <summary>
    /// The event page. Opened from an invitation (<c>?invitation=</c>), the form is filled in for the invitee, with
    /// their address locked; a link that is not valid for this event is treated as no invitation at all.
    /// </summary>
    [Function("EventPage")]
    public async Task<IActionResult> Event(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = SlugRoute)] HttpRequest request, string slug, CancellationToken cancellationToken)
    {
        if (await events.GetPublicAsync(slug, cancellationToken) is not { } found)
        {
            return HtmlPage.NotFound();
        }

        var token = request.Query[InvitationLinks.QueryName].ToString();
        if (await invitations.GetByTokenAsync(token, cancellationToken) is var (invitedTo, invitation) && invitedTo.Id == found.Id)
        {
            var form = new RegistrationForm { Name = invitation.Name, Email = invitation.Email };
            return new HtmlPage(EventPages.Event(found, time.GetUtcNow(), form, token), personal: true);
        }

        return new HtmlPage(EventPages.Event(found, time.GetUtcNow()));
    }

    [Function("EventsCalendarFeed")]
    public async Task<IActionResult> Feed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "events.ics")] HttpRequest request, CancellationToken cancellationToken) =>
        Calendar(calendars.Feed(await events.ListUpcomingPublishedAsync(cancellationToken)), "events.ics");

    [Function("EventCalendar")]
    public async Task<IActionResult> EventCalendar(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "events/{slug}.ics")] HttpRequest request, string slug, CancellationToken cancellationToken) =>
        await events.GetPublicAsync(slug, cancellationToken) is { } found
            ? Calendar(calendars.Feed([found]), $"{found.Slug}.ics")
            : HtmlPage.NotFound();

    private static FileContentResult Calendar(string content, string fileName) =>
        new(Encoding.UTF8.GetBytes(content), CalendarFiles.FeedContentType) { FileDownloadName = fileName };
}
