
namespace GoodThings.Events;

/// <summary>
/// The public website's event pages and calendar files. What every visitor sees alike comes from
/// <see cref="PublicPageCache"/> with an ETag; a page opened with an invitation is rendered for its invitee alone.
/// </summary>
public sealed class EventPagesFunctions(
    EventService events, InvitationService invitations, CalendarFiles calendars, TemplateRenderer renderer, PublicPageCache pages, TimeProvider time)
{
    // Slugs are a-z, 0-9 and '-'; the constraint keeps "/events/x.ics" for the calendar route.
    internal const string SlugRoute = "events/{slug:regex(^[a-z0-9-]+$)}";

    [Function("HomePage")]
    public async Task<IActionResult> Home(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "{ignored:maxlength(0)?}")] HttpRequest request, CancellationToken cancellationToken) =>
        Public(await pages.GetOrRenderAsync(
            "home",
            async () => Html(EventPages.Home(await events.ListUpcomingPublishedAsync(CancellationToken.None), time.GetUtcNow())),
            cancellationToken));

    /// <summary>
    /// The event page. Opened from an invitation (<c>?invitation=</c>), the form is filled in for the invitee, with
    /// their address locked; a link that is not valid for this event is treated as no invitation at all. Any other
    /// query (a newsletter's tracking, say) is the same page for all.
    /// </summary>
    [Function("EventPage")]
    public async Task<IActionResult> Event(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = SlugRoute)] HttpRequest request, string slug, CancellationToken cancellationToken)
    {
        var token = request.Query[InvitationLinks.QueryName].ToString();
        if (token.Length == 0)
        {
            return Public(await pages.GetOrRenderAsync(
                $"event {slug}",
                async () => await events.GetPublicAsync(slug, CancellationToken.None) is { } shown ? Html(EventPages.Event(shown, time.GetUtcNow())) : null,
                cancellationToken));
        }

        if (await events.GetPublicAsync(slug, cancellationToken) is not { } found)
        {
            return HtmlPage.NotFound();
        }

        if (await invitations.GetByTokenAsync(token, cancellationToken) is var (invitedTo, invitation) && invitedTo.Id == found.Id)
        {
            var form = new RegistrationForm { Name = invitation.Name, Email = invitation.Email };
            return new HtmlPage(EventPages.Event(found, time.GetUtcNow(), form, token), personal: true);
        }

        // The public page, but its address carries a token: no cache keeps it.
        return new HtmlPage(EventPages.Event(found, time.GetUtcNow()), personal: true);
    }

    [Function("EventsCalendarFeed")]
    public async Task<IActionResult> Feed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "events.ics")] HttpRequest request, CancellationToken cancellationToken) =>
        Public(await pages.GetOrRenderAsync(
            "events.ics",
            async () => Calendar(calendars.Feed(await events.ListUpcomingPublishedAsync(CancellationToken.None)), "events.ics"),
            cancellationToken));

    [Function("EventCalendar")]
    public async Task<IActionResult> EventCalendar(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "events/{slug}.ics")] HttpRequest request, string slug, CancellationToken cancellationToken) =>
        Public(await pages.GetOrRenderAsync(
            $"calendar {slug}",
            async () => await events.GetPublicAsync(slug, CancellationToken.None) is { } found ? Calendar(calendars.Feed([found]), $"{found.Slug}.ics") : null,
            cancellationToken));

    private static IActionResult Public(RenderedPage? page) => page is null ? HtmlPage.NotFound() : new PublicPageResult(page);

    private RenderedPage Html(IPageModel model) => new(Encoding.UTF8.GetBytes(renderer.RenderPage(model)), "text/html; charset=utf-8");

    private static RenderedPage Calendar(string content, string fileName) => new(Encoding.UTF8.GetBytes(content), CalendarFiles.FeedContentType, fileName);
}
