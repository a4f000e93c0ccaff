using System.Text;
using GoodThings.Registrations;
using GoodThings.Templates.Pages;
using GoodThings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GoodThings.Events;

/// <summary>The public website's event pages and calendar files.</summary>
public sealed class EventPagesFunctions(EventService events, RegistrationService registrations, CalendarFiles calendars, TimeProvider time)
{
    // Slugs are a-z, 0-9 and '-'; the constraint keeps "/events/x.ics" for the calendar route.
    private const string SlugRoute = "events/{slug:regex(^[a-z0-9-]+$)}";

    [Function("HomePage")]
    public async Task<IActionResult> Home(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{ignored:maxlength(0)?}")] HttpRequest request, CancellationToken cancellationToken) =>
        new HtmlPage(EventPages.Home(await events.ListUpcomingPublishedAsync(cancellationToken), time.GetUtcNow()));

    [Function("EventPage")]
    public async Task<IActionResult> Event(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = SlugRoute)] HttpRequest request, string slug, CancellationToken cancellationToken) =>
        await events.GetPublicAsync(slug, cancellationToken) is { } found
            ? new HtmlPage(EventPages.Event(found, time.GetUtcNow()))
            : HtmlPage.NotFound();

    /// <summary>The form post: errors re-render with the values kept; success goes to the person's own page.</summary>
    [Function("EventPageRegister")]
    public async Task<IActionResult> Register(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = SlugRoute)] HttpRequest request, string slug, CancellationToken cancellationToken)
    {
        if (await events.GetPublicAsync(slug, cancellationToken) is not { } found)
        {
            return HtmlPage.NotFound();
        }

        var now = time.GetUtcNow();
        if (await HtmlForms.ReadAsync(request, cancellationToken) is not { } form)
        {
            return new HtmlPage(new MessagePage("That didn't work", "Please fill in the registration form on the event page and send it again."), StatusCodes.Status400BadRequest);
        }

        if (HtmlForms.IsBot(form, RegistrationFields.Honeypot))
        {
            return new HtmlPage(new MessagePage("Thank you", "Check your email for your confirmation."));
        }

        var submitted = RegistrationForms.ToRequest(form);
        var validator = new Validator();
        if (submitted.Validate(validator) is not { } input)
        {
            return new HtmlPage(EventPages.Event(found, now, RegistrationForms.WithErrors(submitted, validator.Errors)), StatusCodes.Status400BadRequest);
        }

        return await registrations.RegisterAsync(found, input, cancellationToken) switch
        {
            RegisterOutcome.Created created => new SeeOther($"/registrations/{registrations.ManageToken(created.Event, created.Registration)}?new=1"),
            // Never the manage link here: whoever typed someone else's address must not get their registration.
            RegisterOutcome.Existing => new HtmlPage(new MessagePage(
                "You're already registered",
                "This email address is already registered for this event. We've emailed your confirmation with a link to manage your place (we send it again at most once an hour).")),
            RegisterOutcome.Closed => new HtmlPage(EventPages.Event(found, now), StatusCodes.Status409Conflict),
            _ => HtmlPage.NotFound(),
        };
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
