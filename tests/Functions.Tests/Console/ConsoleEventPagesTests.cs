using System.Globalization;
using GoodThings.Audit;

namespace GoodThings.OrganiserConsole;

/// <summary>
/// The console's event pages through the local runner: the form creates and edits through the API's own validation
/// and service (its messages, its audit entries), Preview stores nothing, publishing announces, cancelling needs a reason.
/// </summary>
public sealed partial class ConsoleEventPagesTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    private FunctionsApp App => fixture.App;

    /// <summary>A filled-in new-event form, as a browser sends it: summer London time, in person, with a speaker and two topics.</summary>
    private static Dictionary<string, string> NewEventForm(string title) => new()
    {
        ["title"] = title,
        ["summary"] = "Practitioners on what worked.",
        ["description"] = "## What we'll cover\r\n\r\nDelivery that **worked**.",
        ["slug"] = "",
        ["timeZone"] = "Europe/London",
        ["startsAt"] = "2027-07-01T18:30",
        ["endsAt"] = "2027-07-01T20:00",
        ["registrationClosesAt"] = "",
        ["format"] = "inPerson",
        ["venueName"] = "The Library",
        ["venueAddress"] = "1 High Street, London",
        ["onlineUrl"] = "",
        ["capacity"] = "40",
        ["visibility"] = "public",
        ["reservedSeats"] = "",
        ["speakers"] = "Ada Lovelace, Head of Delivery, Leeds City Council",
        ["tags"] = "delivery, housing",
        ["recordingUrl"] = "",
        ["slidesUrl"] = "",
        ["feedbackUrl"] = "",
        ["action"] = "save",
    };

    private static IEnumerable<KeyValuePair<string, string>> With(Dictionary<string, string> form, string token) => [.. form, new("csrf", token)];

    private async Task<List<JsonElement>> EventsTitledAsync(string title) =>
        [.. (await App.KeyedClient.GetFromJsonAsync<JsonElement>("api/manage/events")).EnumerateArray().Where(e => e.GetProperty("title").GetString() == title)];

    private async Task<List<JsonElement>> AuditOfEventAsync(string eventId) =>
        [.. (await App.KeyedClient.GetFromJsonAsync<JsonElement>($"api/manage/events/{eventId}/audit")).GetProperty("items").EnumerateArray()];

    private static string IdFrom(HttpResponseMessage response) =>
        HubLocation().Match(response.Headers.Location?.OriginalString ?? "") is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"Not a hub: {response.Headers.Location}");

    private static (string, string) ActorOf(JsonElement entry) =>
        (entry.GetProperty("actor").GetProperty("id").GetString()!, entry.GetProperty("actor").GetProperty("name").GetString()!);

    [Fact]
    public async Task ACreateFormWithAValidationErrorShowsTheApisMessageStoresNothingAndOnceFixedCreatesADraft()
    {
        var title = $"Console draft {Guid.NewGuid():N}";
        using var client = new ConsoleClient(App);
        var (cookie, token) = await client.SignInAsync();
        var empty = await client.GetAsync("console/events/new", cookie);
        var emptyHtml = await empty.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("<option value=\"Europe/London\" selected>Europe/London</option>", emptyHtml, StringComparison.Ordinal);
        Assert.Contains("<option value=\"America/New_York\">America/New York</option>", emptyHtml, StringComparison.Ordinal);
        // Every zone the API takes, not a short list: any event's zone can be shown and kept.
        var zones = SelectField().Matches(emptyHtml).Single(m => m.Groups[1].Value == "timeZone").Groups[2].Value;
        Assert.InRange(Regex.Count(zones, "<option "), 300, 500);
        Assert.DoesNotContain("Etc/GMT", zones, StringComparison.Ordinal);

        var form = NewEventForm(title);
        form["endsAt"] = "2027-07-01T17:00";
        var invalid = await client.PostAsync("console/events/new", cookie, With(form, token));
        var invalidHtml = await invalid.Content.ReadAsStringAsync();

        // The API, given the same event as JSON, says the same thing about the same field.
        var api = await App.KeyedClient.PostAsJsonAsync("api/manage/events", new
        {
            title, startsAt = "2027-07-01T18:30:00+01:00", endsAt = "2027-07-01T17:00:00+01:00", timeZone = "Europe/London", format = "inPerson", venue = new { name = "The Library" },
        });
        var apiMessage = (await EventsApi.AssertProblemAsync(api, 400, "endsAt")).GetProperty("errors").GetProperty("endsAt")[0].GetString();
        Assert.Equal("must be after startsAt", apiMessage);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains($"<li><a href=\"#endsAt\">Ends {apiMessage}</a></li>", invalidHtml, StringComparison.Ordinal);
        Assert.Contains($"<p class=\"field__error\" id=\"endsAt-error\"><span class=\"visually-hidden\">Error:</span> Ends {apiMessage}</p>", invalidHtml, StringComparison.Ordinal);
        Assert.Contains($"value=\"{title}\"", invalidHtml, StringComparison.Ordinal);
        Assert.Contains("<title>Error: Create an event", invalidHtml, StringComparison.Ordinal);
        Assert.Empty(await EventsTitledAsync(title));

        form["endsAt"] = "2027-07-01T20:00";
        var created = await client.PostAsync("console/events/new", cookie, With(form, token));

        Assert.Equal(HttpStatusCode.SeeOther, created.StatusCode);
        var id = IdFrom(created);
        Assert.EndsWith("?done=created", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var stored = await EventsApi.GetManagedAsync(App, id);
        Assert.Equal((title, "draft", "Europe/London"), (stored.GetProperty("title").GetString(), stored.GetProperty("status").GetString(), stored.GetProperty("timeZone").GetString()));
        // 6:30pm in London in July is 17:30 UTC (British Summer Time).
        Assert.Equal(DateTimeOffset.Parse("2027-07-01T17:30:00Z", CultureInfo.InvariantCulture), stored.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal("Ada Lovelace", stored.GetProperty("speakers")[0].GetProperty("name").GetString());
        Assert.Equal("Head of Delivery, Leeds City Council", stored.GetProperty("speakers")[0].GetProperty("role").GetString());
        Assert.Equal(["delivery", "housing"], stored.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("## What we'll cover\n\nDelivery that **worked**.", stored.GetProperty("description").GetString());
        var entry = Assert.Single(await AuditOfEventAsync(id));
        Assert.Equal((AuditActions.EventCreated, (ConsoleOrganiser.KeyActorId, "Organiser (key)")), (entry.GetProperty("action").GetString(), ActorOf(entry)));

        var hub = await (await client.GetAsync(created.Headers.Location!.OriginalString.TrimStart('/'), cookie)).Content.ReadAsStringAsync();
        Assert.Contains($"<h1>{title}</h1>", hub, StringComparison.Ordinal);
        Assert.Contains("<p class=\"notice__title\">Draft saved. Publish it when it is ready.</p>", hub, StringComparison.Ordinal);
        Assert.Contains("<div><dt>Status</dt><dd>Draft</dd></div>", hub, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASlugAlreadyTakenIsTheSlugFieldsErrorAndStoresNothing()
    {
        var existing = await EventsApi.CreateEventAsync(App, EventsApi.EventBody(), publish: false);
        var title = $"Console slug {Guid.NewGuid():N}";
        using var client = new ConsoleClient(App);
        var (cookie, token) = await client.SignInAsync();
        var form = NewEventForm(title);
        form["slug"] = existing.GetProperty("slug").GetString()!;

        var refused = await client.PostAsync("console/events/new", cookie, With(form, token));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains($"<li><a href=\"#slug\">Another event already uses the slug &#39;{form["slug"]}&#39;.</a></li>", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await EventsTitledAsync(title));
    }

    [Fact]
    public async Task PreviewRendersTheDescriptionAsTheEventPageDoesAndStoresNothing()
    {
        var title = $"Console preview {Guid.NewGuid():N}";
        using var client = new ConsoleClient(App);
        var (cookie, token) = await client.SignInAsync();
        var form = NewEventForm(title);
        form["description"] = "## Plan\r\n\r\nDelivery that **worked**, and <script>alert(1)</script> as text.";
        form["action"] = "preview";

        var preview = await client.PostAsync("console/events/new", cookie, With(form, token));
        var html = await preview.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("<h2 id=\"preview-title\" class=\"notice__title\">Preview of the description</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<h3", html, StringComparison.Ordinal);
        Assert.Contains("Delivery that <strong>worked</strong>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{title}\"", html, StringComparison.Ordinal);
        Assert.Empty(await EventsTitledAsync(title));
    }

    [Fact]
    public async Task EditingChangesOneFieldAndTheAuditLogRecordsJustThatUnderTheConsoleOrganiser()
    {
        var created = await EventsApi.CreateEventAsync(App, EventsApi.EventBody(title: $"Console edit {Guid.NewGuid():N}", format: "hybrid"), publish: false);
        var id = created.GetProperty("id").GetString()!;
        using var client = new ConsoleClient(App);
        var (cookie, _) = await client.SignInAsync();
        var page = await client.GetAsync($"console/events/{id}/edit", cookie);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        // Everything as the page filled it in, as a browser sends it, with only the title changed.
        var form = FormFields(html);
        var newTitle = $"Console edited {Guid.NewGuid():N}";
        form["title"] = newTitle;
        form["action"] = "save";
        var saved = await client.PostAsync($"console/events/{id}/edit", cookie, form);

        Assert.Equal(HttpStatusCode.SeeOther, saved.StatusCode);
        Assert.Equal($"/console/events/{id}?done=saved", saved.Headers.Location?.OriginalString);
        var stored = await EventsApi.GetManagedAsync(App, id);
        Assert.Equal(newTitle, stored.GetProperty("title").GetString());
        Assert.Equal(created.GetProperty("startsAt").GetDateTimeOffset(), stored.GetProperty("startsAt").GetDateTimeOffset());
        Assert.Equal(created.GetProperty("description").GetString(), stored.GetProperty("description").GetString());
        var update = (await AuditOfEventAsync(id)).First();
        Assert.Equal((AuditActions.EventUpdated, (ConsoleOrganiser.KeyActorId, "Organiser (key)")), (update.GetProperty("action").GetString(), ActorOf(update)));
        var change = Assert.Single(update.GetProperty("changes").EnumerateArray());
        Assert.Equal(("title", created.GetProperty("title").GetString(), newTitle),
            (change.GetProperty("field").GetString(), change.GetProperty("from").GetString(), change.GetProperty("to").GetString()));
    }

    [Fact]
    public async Task AnEditTheApiRefusesShowsItsMessageAndChangesNothing()
    {
        var created = await EventsApi.CreateEventAsync(App, EventsApi.EventBody(), publish: false);
        var id = created.GetProperty("id").GetString()!;
        using var client = new ConsoleClient(App);
        var (cookie, _) = await client.SignInAsync();
        var form = FormFields(await (await client.GetAsync($"console/events/{id}/edit", cookie)).Content.ReadAsStringAsync());
        form["onlineUrl"] = "http://meet.example.org/not-https";
        form["capacity"] = "lots";
        form["action"] = "save";

        var refused = await client.PostAsync($"console/events/{id}/edit", cookie, form);
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("<a href=\"#onlineUrl\">Online joining link must be an absolute https:// URL</a>", html, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"#capacity\">Capacity must be a whole number from 1 to {EventValidation.MaxCapacity}, or null for unlimited</a>", html, StringComparison.Ordinal);
        Assert.Equal(created.GetProperty("onlineUrl").ValueKind, (await EventsApi.GetManagedAsync(App, id)).GetProperty("onlineUrl").ValueKind);
        Assert.Equal(AuditActions.EventCreated, Assert.Single(await AuditOfEventAsync(id)).GetProperty("action").GetString());
    }

    [Fact]
    public async Task PublishingWithAnnounceEmailsSubscribersAndPublishingAgainIsRefused()
    {
        var reader = SubscriptionsApi.Address("console-reader");
        await SubscriptionsApi.SubscribedAsync(fixture, reader);
        var created = await EventsApi.CreateEventAsync(App, EventsApi.EventBody(title: $"Console publish {Guid.NewGuid():N}"), publish: false);
        var id = created.GetProperty("id").GetString()!;
        using var client = new ConsoleClient(App);
        var (cookie, token) = await client.SignInAsync();
        var hub = await (await client.GetAsync($"console/events/{id}", cookie)).Content.ReadAsStringAsync();
        Assert.Contains($"<form method=\"post\" action=\"/console/events/{id}/publish\" class=\"form\">", hub, StringComparison.Ordinal);
        Assert.Contains("<label class=\"checkbox__label\" for=\"announce\">Announce to subscribers</label>", hub, StringComparison.Ordinal);

        var published = await client.PostAsync($"console/events/{id}/publish", cookie, [new("csrf", token), new("announce", "true")]);

        Assert.Equal(HttpStatusCode.SeeOther, published.StatusCode);
        Assert.Equal($"/console/events/{id}?done=announced", published.Headers.Location?.OriginalString);
        var announcement = await fixture.SendGrid.WaitForAcceptedAsync(1, where: c =>
            c.Kind() == SubscriptionEmails.Announcement && c.Recipients.Contains(reader) && c.IdempotencyKey()!.EndsWith(id, StringComparison.Ordinal));
        Assert.Contains(created.GetProperty("title").GetString()!, Assert.Single(announcement).Text(), StringComparison.Ordinal);
        Assert.Equal("published", (await EventsApi.GetManagedAsync(App, id)).GetProperty("status").GetString());
        var entry = Assert.Single(await AuditOfEventAsync(id), e => e.GetProperty("action").GetString() == AuditActions.EventPublished);
        Assert.Equal((ConsoleOrganiser.KeyActorId, "true"), (ActorOf(entry).Item1, entry.GetProperty("details").GetProperty("announce").GetString()));
        var after = await (await client.GetAsync($"console/events/{id}", cookie)).Content.ReadAsStringAsync();
        Assert.Contains("<div><dt>Status</dt><dd>Published</dd></div>", after, StringComparison.Ordinal);
        Assert.DoesNotContain("/publish\"", after, StringComparison.Ordinal);

        var again = await client.PostAsync($"console/events/{id}/publish", cookie, [new("csrf", token), new("announce", "true")]);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("This event is already published", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await AuditOfEventAsync(id), e => e.GetProperty("action").GetString() == AuditActions.EventPublished);
    }

    [Fact]
    public async Task CancellingNeedsAReasonThenCancelsAndTheHubSaysSo()
    {
        var created = await EventsApi.CreateEventAsync(App, EventsApi.EventBody(title: $"Console cancel {Guid.NewGuid():N}"));
        var id = created.GetProperty("id").GetString()!;
        var slug = created.GetProperty("slug").GetString()!;
        await EventsApi.RegisteredAsync(App, slug, "Grace", EventsApi.Address("grace", id));
        using var client = new ConsoleClient(App);
        var (cookie, token) = await client.SignInAsync();
        var hub = await (await client.GetAsync($"console/events/{id}", cookie)).Content.ReadAsStringAsync();
        Assert.Contains($"<a href=\"/console/events/{id}/cancel\">Cancel event</a>", hub, StringComparison.Ordinal);
        Assert.Contains("<tr><td>1</td><td>0</td><td>0</td></tr>", hub, StringComparison.Ordinal);
        var confirm = await client.GetAsync($"console/events/{id}/cancel", cookie);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.Contains("<button class=\"button button--warning\" type=\"submit\">Cancel event</button>", await confirm.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var withoutReason = await client.PostAsync($"console/events/{id}/cancel", cookie, [new("csrf", token), new("reason", "  ")]);

        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Contains("<a href=\"#reason\">Reason is required</a>", await withoutReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("published", (await EventsApi.GetManagedAsync(App, id)).GetProperty("status").GetString());

        var cancelled = await client.PostAsync($"console/events/{id}/cancel", cookie, [new("csrf", token), new("reason", "The speaker is ill.")]);

        Assert.Equal(HttpStatusCode.SeeOther, cancelled.StatusCode);
        Assert.Equal($"/console/events/{id}?done=cancelled", cancelled.Headers.Location?.OriginalString);
        var stored = await EventsApi.GetManagedAsync(App, id);
        Assert.Equal(("cancelled", "The speaker is ill."), (stored.GetProperty("status").GetString(), stored.GetProperty("cancellationReason").GetString()));
        var after = await (await client.GetAsync($"console/events/{id}", cookie)).Content.ReadAsStringAsync();
        Assert.Contains("<div><dt>Status</dt><dd>Cancelled</dd></div>", after, StringComparison.Ordinal);
        Assert.Contains("<p>Reason given: The speaker is ill.</p>", after, StringComparison.Ordinal);
        Assert.DoesNotContain("/cancel\"", after, StringComparison.Ordinal);
        var entry = Assert.Single(await AuditOfEventAsync(id), e => e.GetProperty("action").GetString() == AuditActions.EventCancelled);
        Assert.Equal(ConsoleOrganiser.KeyActorId, ActorOf(entry).Item1);

        var again = await client.PostAsync($"console/events/{id}/cancel", cookie, [new("csrf", token), new("reason", "Twice")]);
        var edit = await client.GetAsync($"console/events/{id}/edit", cookie);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (again.StatusCode, edit.StatusCode));
        Assert.Equal("The speaker is ill.", (await EventsApi.GetManagedAsync(App, id)).GetProperty("cancellationReason").GetString());
    }

    [Theory]
    [InlineData("GET", "console/events/{id}")]
    [InlineData("GET", "console/events/{id}/edit")]
    [InlineData("GET", "console/events/{id}/cancel")]
    [InlineData("POST", "console/events/{id}/edit")]
    [InlineData("POST", "console/events/{id}/publish")]
    [InlineData("POST", "console/events/{id}/cancel")]
    public async Task AnUnknownEventIsA404(string method, string route)
    {
        using var client = new ConsoleClient(App);
        var (cookie, token) = await client.SignInAsync();
        var path = route.Replace("{id}", Guid.NewGuid().ToString("N"), StringComparison.Ordinal);
        var form = new Dictionary<string, string>(NewEventForm("Nowhere")) { ["reason"] = "None" };

        var response = method == "GET" ? await client.GetAsync(path, cookie) : await client.PostAsync(path, cookie, With(form, token));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await EventsTitledAsync("Nowhere"));
    }

    /// <summary>What a browser would send for the event form on <paramref name="html"/>: inputs, textareas (CRLF line breaks) and chosen options.</summary>
    private static Dictionary<string, string> FormFields(string html)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match input in InputField().Matches(html))
        {
            fields[input.Groups[1].Value] = WebUtility.HtmlDecode(input.Groups[2].Value);
        }

        foreach (Match textarea in TextareaField().Matches(html))
        {
            fields[textarea.Groups[1].Value] = WebUtility.HtmlDecode(textarea.Groups[2].Value).ReplaceLineEndings("\r\n");
        }

        foreach (Match select in SelectField().Matches(html))
        {
            fields[select.Groups[1].Value] = WebUtility.HtmlDecode(SelectedOption().Match(select.Groups[2].Value).Groups[1].Value);
        }

        return fields;
    }

    [GeneratedRegex("^/console/events/([0-9a-f]{32})\\?done=")]
    private static partial Regex HubLocation();

    [GeneratedRegex("<input [^>]*name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex InputField();

    [GeneratedRegex("<textarea [^>]*name=\"([^\"]+)\"[^>]*>\n(.*?)</textarea>", RegexOptions.Singleline)]
    private static partial Regex TextareaField();

    [GeneratedRegex("<select [^>]*name=\"([^\"]+)\"[^>]*>(.*?)</select>", RegexOptions.Singleline)]
    private static partial Regex SelectField();

    [GeneratedRegex("<option value=\"([^\"]*)\" selected>")]
    private static partial Regex SelectedOption();
}
