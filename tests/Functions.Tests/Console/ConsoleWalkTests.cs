using System.Globalization;
using GoodThings.CheckIn;
using GoodThings.TestSupport.Browser;
using GoodThings.Web;

namespace GoodThings.OrganiserConsole;

/// <summary>
/// An organiser in Chromium without JavaScript: a wrong key, then the right one, the dashboard, and signing out; then the
/// whole console, from a draft with a mistake in it to the audit log of everything done to the event.
/// </summary>
public sealed class ConsoleWalkTests(GoodThingsAppFixture fixture, BrowserFixture chromium) : IClassFixture<GoodThingsAppFixture>, IClassFixture<BrowserFixture>
{
    private string Url(string path) => new Uri(fixture.App.BaseAddress, path.TrimStart('/')).AbsoluteUri;

    [Fact]
    public async Task AnOrganiserSignsInWithTheKeySeesTheDashboardAndSignsOut()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(title: $"Walk {Guid.NewGuid():N}"));
        await using var page = await chromium.Browser.OpenAsync(Url("console"), 320, javaScriptEnabled: false);

        Assert.Equal(Url("console/sign-in?returnUrl=%2Fconsole"), page.Page.Url);
        await page.Page.FillAsync("#key", "not the key");
        await page.Page.ClickAsync("button:has-text('Sign in')");
        Assert.Equal("The management key is not right", await page.Page.InnerTextAsync(".error-summary__list"));

        await page.Page.FillAsync("#key", fixture.App.FunctionKey);
        await page.Page.ClickAsync("button:has-text('Sign in')");

        Assert.Equal(Url("console"), page.Page.Url);
        Assert.Equal("Console", await page.Page.InnerTextAsync("h1"));
        Assert.Contains("Organiser (key)", await page.Page.InnerTextAsync(".console-bar"), StringComparison.Ordinal);
        Assert.Equal(Url($"console/events/{created.GetProperty("id").GetString()}"),
            Url(await page.Page.GetAttributeAsync($"a:has-text('{created.GetProperty("title").GetString()}')", "href") ?? ""));
        var cookie = Assert.Single(await page.Page.Context.CookiesAsync(), c => c.Name == "gt-console");
        Assert.True(cookie.HttpOnly);
        Assert.Equal("/console", cookie.Path);

        await page.Page.ClickAsync("button:has-text('Sign out')");

        Assert.Equal(Url("console/sign-in"), page.Page.Url);
        Assert.DoesNotContain(await page.Page.Context.CookiesAsync(), c => c.Name == "gt-console" && c.Value == cookie.Value);
        await page.Page.GotoAsync(Url("console"));
        Assert.StartsWith(Url("console/sign-in"), page.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOrganiserRunsAnEventFromDraftToDoorToMessageAndReadsTheAuditLog()
    {
        var title = $"Walk through {Guid.NewGuid():N}";
        var subscriber = await Subscribers.SaveAsync(fixture.App, SubscriberStatus.Subscribed);
        await using var console = await chromium.Browser.OpenAsync(Url("console"), 320, bypassCsp: false, javaScriptEnabled: false);
        var page = console.Page;

        // 1. Sign in.
        await page.FillAsync("#key", fixture.App.FunctionKey);
        await page.ClickAsync("button:has-text('Sign in')");
        Assert.Equal(Url("console"), page.Url);

        // 2. A draft with a mistake in it: it ends before it starts. The API's message comes back, and nothing is stored.
        await page.ClickAsync("a:has-text('Create an event')");
        var day = DateTime.UtcNow.Date.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.FillAsync("#title", title);
        await page.SelectOptionAsync("#timeZone", "Europe/London");
        await page.FillAsync("#startsAt", $"{day}T18:30");
        await page.FillAsync("#endsAt", $"{day}T17:00");
        await page.SelectOptionAsync("#format", "inPerson");
        await page.FillAsync("#venueName", "Leeds Central Library");
        await page.FillAsync("#capacity", "1");
        await page.ClickAsync("button[value=save]");
        Assert.Equal(Url("console/events/new"), page.Url);
        Assert.Contains("Ends must be after startsAt", await page.InnerTextAsync(".error-summary"), StringComparison.Ordinal);
        Assert.DoesNotContain(await ManagedEventsAsync(), e => e.GetProperty("title").GetString() == title);

        await page.FillAsync("#endsAt", $"{day}T20:00");
        await page.ClickAsync("button[value=save]");
        Assert.Matches(@"/console/events/[0-9a-f]+\?done=created$", page.Url);
        var eventId = new Uri(page.Url).Segments[^1];
        Assert.Contains("Draft", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // 3. Publish, announcing it: the subscriber hears of it.
        await page.CheckAsync("#announce");
        await page.ClickAsync("button:has-text('Publish')");
        Assert.Contains("Published", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await fixture.SendGrid.WaitForAcceptedAsync(1, where: c => c.Kind() == SubscriptionEmails.Announcement && c.Recipients.Contains(subscriber) && c.IdempotencyKey()!.EndsWith(eventId, StringComparison.Ordinal));
        var publicPath = await page.GetAttributeAsync("a[href^='/events/']", "href");

        // 4. Two people register on the public page; the event has one place, so the second waits.
        var grace = EventsApi.Address("grace", eventId);
        var alan = EventsApi.Address("alan", eventId);
        foreach (var (name, email) in new[] { ("Grace Hopper", grace), ("Alan Turing", alan) })
        {
            await using var visitor = await chromium.Browser.OpenAsync(Url(publicPath!), 320, bypassCsp: false, javaScriptEnabled: false);
            await visitor.Page.FillAsync("#name", name);
            await visitor.Page.FillAsync("#email", email);
            await visitor.Page.ClickAsync("button[type=submit]");
            Assert.DoesNotContain("error", await visitor.Page.TitleAsync(), StringComparison.OrdinalIgnoreCase);
        }

        // 5. The console lists them.
        await page.GotoAsync(Url($"console/events/{eventId}"));
        await page.ClickAsync("a:has-text('Registrations')");
        var list = await page.InnerTextAsync("table");
        Assert.Contains("Grace Hopper", list, StringComparison.Ordinal);
        Assert.Contains("Alan Turing", list, StringComparison.Ordinal);
        Assert.Contains("Waitlisted", list, StringComparison.Ordinal);

        // 6. At the door, the organiser's phone follows the QR code in Grace's confirmation email.
        var confirmation = Assert.Single(await EventsApi.EmailsForEventAsync(fixture, eventId, 1, RegistrationEmails.Confirmed));
        Assert.Equal([grace], confirmation.Recipients);
        await page.GotoAsync(confirmation.CheckInLinkInQrCode());
        Assert.Equal("Grace Hopper", await page.InnerTextAsync("h1"));
        await page.ClickAsync("button:has-text('Check in')");
        Assert.Contains("Undo check-in", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        // 7. Message the no-shows. Grace came and Alan waits, so there are none until the organiser gives Alan a place.
        await page.GotoAsync(Url($"console/events/{eventId}/message"));
        await page.CheckAsync("text=No-shows (confirmed, not checked in)");
        await page.FillAsync("#subject", "We missed you");
        await page.FillAsync("#body", "The **slides** are on the event page.");
        await page.ClickAsync("button:has-text('Preview')");
        Assert.Contains("Nobody is in this audience", await page.InnerTextAsync("main"), StringComparison.Ordinal);

        await page.GotoAsync(Url($"console/events/{eventId}/registrations?status=waitlisted"));
        await page.ClickAsync("button:has-text('Promote')");
        await page.GotoAsync(Url($"console/events/{eventId}/message"));
        await page.CheckAsync("text=No-shows (confirmed, not checked in)");
        await page.FillAsync("#subject", "We missed you");
        await page.FillAsync("#body", "The **slides** are on the event page.");
        await page.ClickAsync("button:has-text('Preview')");
        Assert.Contains("This message will be sent to 1 person.", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.ClickAsync("button:has-text('Send message')");
        Assert.Contains("Your message is on its way to 1 person", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        var messages = await fixture.SendGrid.WaitForAcceptedAsync(1, where: c => c.Kind() == EventFanOut.OrganiserMessage && c.Recipients.Any(r => r.Contains(eventId, StringComparison.Ordinal)));
        await Settle.EmailsAsync(fixture.App);
        Assert.Equal([alan], fixture.SendGrid.Accepted.ForEvent(eventId).Where(c => c.Kind() == EventFanOut.OrganiserMessage).SelectMany(c => c.Recipients));

        // 8. The audit log tells the story, newest first, all under the organiser who signed in with the key.
        await page.GotoAsync(Url($"console/events/{eventId}"));
        await page.ClickAsync("a:has-text('Audit log')");
        var audit = await page.InnerTextAsync("main");
        string[] story = ["Messaged", "Gave a waitlisted person a place", "Checked a person in", "Published the event (announced to subscribers)", "Created the event"];
        var positions = story.Select(s => audit.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, positions);
        Assert.Equal(positions.Order(), positions);
        Assert.Contains("Organiser (key)", audit, StringComparison.Ordinal);

        // 9. Sign out.
        await page.ClickAsync("button:has-text('Sign out')");
        Assert.Equal(Url("console/sign-in"), page.Url);
        await page.GotoAsync(Url($"console/events/{eventId}"));
        Assert.StartsWith(Url("console/sign-in"), page.Url, StringComparison.Ordinal);
    }

    private async Task<List<JsonElement>> ManagedEventsAsync() =>
        [.. (await fixture.App.KeyedClient.GetFromJsonAsync<JsonElement>("api/manage/events")).EnumerateArray()];
}
