using GoodThings.Audit;

namespace GoodThings.OrganiserConsole;

/// <summary>
/// An event's people in the console, through the local runner against Azurite and the fake SendGrid: the registrations
/// list (search, filter, CSV, cancel, promote), the door's check-in list and messages to an audience.
/// </summary>
public sealed class ConsolePeopleTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    private sealed record Person(string Name, string Email, string Id);

    /// <summary>A published in-person event with these people registered in this order (past the capacity, waitlisted).</summary>
    private async Task<(string EventId, Person[] People)> EventWithAsync(int capacity, params string[] names)
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(capacity: capacity));
        var id = created.GetProperty("id").GetString()!;
        var slug = created.GetProperty("slug").GetString()!;
        var people = new List<Person>();
        foreach (var name in names)
        {
            var email = EventsApi.Address(Regex.Replace(name.Split(' ')[0], "[^A-Za-z]", "").ToLowerInvariant(), id);
            var registered = await EventsApi.RegisteredAsync(fixture.App, slug, name, email);
            people.Add(new Person(name, email, registered.GetProperty("registrationId").GetString()!));
        }

        return (id, [.. people]);
    }

    private async Task<JsonElement> RegistrationAsync(string eventId, string registrationId) =>
        (await EventsApi.RegistrationsAsync(fixture.App, eventId)).EnumerateArray().Single(r => r.GetProperty("id").GetString() == registrationId);

    private async Task<List<JsonElement>> AuditAsync(string eventId) =>
        [.. (await fixture.App.KeyedClient.GetFromJsonAsync<JsonElement>($"api/manage/events/{eventId}/audit")).GetProperty("items").EnumerateArray()];

    private static async Task<string> HtmlAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {expected}, got {response.StatusCode}: {html}");
        return html;
    }

    [Fact]
    public async Task TheListSearchesByNameOrEmailIgnoringCaseAndFiltersByStatus()
    {
        var (id, people) = await EventWithAsync(1, "Grace Hopper", "Ada Lovelace", "Alan Lovell");
        using var client = new ConsoleClient(fixture.App);
        var (cookie, _) = await client.SignInAsync();

        var all = await HtmlAsync(await client.GetAsync($"console/events/{id}/registrations", cookie));
        var byName = await HtmlAsync(await client.GetAsync($"console/events/{id}/registrations?q=LOVE", cookie));
        var byEmail = await HtmlAsync(await client.GetAsync($"console/events/{id}/registrations?q={Uri.EscapeDataString("grace-" + id)}", cookie));
        var waitlisted = await HtmlAsync(await client.GetAsync($"console/events/{id}/registrations?status=waitlisted", cookie));
        var both = await HtmlAsync(await client.GetAsync($"console/events/{id}/registrations?q=lovelace&status=confirmed", cookie));

        Assert.All(people, p => Assert.Contains($"<th scope=\"row\">{p.Name}</th>", all, StringComparison.Ordinal));
        Assert.Contains("3 registrations.", all, StringComparison.Ordinal);
        Assert.Equal(new[] { "Ada Lovelace", "Alan Lovell" }, Names(byName));
        Assert.Equal(new[] { "Grace Hopper" }, Names(byEmail));
        Assert.Equal(new[] { "Ada Lovelace", "Alan Lovell" }, Names(waitlisted));
        Assert.Contains("<td>2</td>", waitlisted, StringComparison.Ordinal);
        Assert.Contains("<option value=\"waitlisted\" selected>", waitlisted, StringComparison.Ordinal);
        Assert.Empty(Names(both));
        Assert.Contains("No registrations match.", both, StringComparison.Ordinal);
        Assert.Contains($"href=\"/console/events/{id}/registrations.csv?q=LOVE&amp;status=\"", byName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownStatusIsA400AndAnUnknownEventA404()
    {
        var (id, _) = await EventWithAsync(5, "Grace Hopper");
        using var client = new ConsoleClient(fixture.App);
        var (cookie, _) = await client.SignInAsync();

        var status = await client.GetAsync($"console/events/{id}/registrations?status=everyone", cookie);
        var csv = await client.GetAsync($"console/events/{id}/registrations.csv?status=everyone", cookie);
        var missing = await client.GetAsync("console/events/no-such-event/registrations", cookie);
        var missingDoor = await client.GetAsync("console/events/no-such-event/door", cookie);
        var missingMessage = await client.GetAsync("console/events/no-such-event/message", cookie);

        Assert.Contains("The status filter must be all, confirmed, waitlisted or cancelled.", await HtmlAsync(status, HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (missing.StatusCode, missingDoor.StatusCode, missingMessage.StatusCode));
    }

    [Fact]
    public async Task TheCsvHoldsTheRowsTheListShowsAndNoFormulas()
    {
        var (id, people) = await EventWithAsync(1, "Grace Hopper", "=HYPERLINK(\"https://evil.example\") Ada", "Adam Smith");
        using var client = new ConsoleClient(fixture.App);
        var (cookie, _) = await client.SignInAsync();

        var response = await client.GetAsync($"console/events/{id}/registrations.csv?q=&status=waitlisted", cookie);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("id,name,email,organisation,accessibilityNeeds,status,waitlistPosition,registeredAt,cancelledAt,checkedInAt,invited", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith($"{people[1].Id},\"'=HYPERLINK(\"\"https://evil.example\"\") Ada\",{people[1].Email},,,waitlisted,1,", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"{people[2].Id},Adam Smith,{people[2].Email},,,waitlisted,2,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancellingFromTheListCancelsRecordsItAndComesBackToTheSameSearch()
    {
        var (id, people) = await EventWithAsync(1, "Grace Hopper", "Ada Lovelace");
        using var client = new ConsoleClient(fixture.App);
        var (cookie, token) = await client.SignInAsync();
        var page = await HtmlAsync(await client.GetAsync($"console/events/{id}/registrations?q=grace", cookie));
        var step = $"/console/events/{id}/registrations/{people[0].Id}/cancel";
        Assert.Contains($"<a class=\"button button--warning\" href=\"{step}?q=grace\">Cancel registration<span class=\"visually-hidden\"> of Grace Hopper</span></a>", page, StringComparison.Ordinal);
        var confirm = await HtmlAsync(await client.GetAsync($"{step[1..]}?q=grace&status=confirmed", cookie));
        Assert.Contains("<h1>Cancel the registration of Grace Hopper?</h1>", confirm, StringComparison.Ordinal);
        Assert.Contains($"<form method=\"post\" action=\"{step}\" class=\"form\">", confirm, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"status\" value=\"confirmed\">", confirm, StringComparison.Ordinal);
        // Asking changes nothing.
        Assert.Equal("confirmed", (await RegistrationAsync(id, people[0].Id)).GetProperty("status").GetString());

        var cancel = await client.PostAsync($"console/events/{id}/registrations/{people[0].Id}/cancel", cookie,
            [new("csrf", token), new("q", "grace"), new("status", "confirmed")]);

        Assert.Equal(HttpStatusCode.SeeOther, cancel.StatusCode);
        Assert.Equal($"/console/events/{id}/registrations?q=grace&status=confirmed", cancel.Headers.Location?.OriginalString);
        Assert.Equal("cancelled", (await RegistrationAsync(id, people[0].Id)).GetProperty("status").GetString());
        // The freed place goes to the waitlist as when a person cancels.
        Assert.Equal("confirmed", (await RegistrationAsync(id, people[1].Id)).GetProperty("status").GetString());
        var entry = Assert.Single(await AuditAsync(id), e => e.GetProperty("action").GetString() == AuditActions.RegistrationCancelledByOrganiser);
        Assert.Equal(people[0].Id, entry.GetProperty("registrationId").GetString());
        Assert.Equal(ConsoleOrganiser.KeyActorId, entry.GetProperty("actor").GetProperty("id").GetString());
        var cancellation = Assert.Single(await EventsApi.EmailsForEventAsync(fixture, id, 1, RegistrationEmails.Cancelled));
        Assert.Contains(people[0].Email, cancellation.Recipients);
        var askAgain = await client.GetAsync($"{step[1..]}?q=grace", cookie);
        Assert.Contains("This registration is already cancelled", await HtmlAsync(askAgain, HttpStatusCode.Conflict), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PromotingConfirmsAWaitlistedPersonOverCapacityEmailsThemAndRecordsIt()
    {
        var (id, people) = await EventWithAsync(1, "Grace Hopper", "Ada Lovelace", "Adam Smith", "Alan Turing");
        using var client = new ConsoleClient(fixture.App);
        var (cookie, token) = await client.SignInAsync();
        var page = await HtmlAsync(await client.GetAsync($"console/events/{id}/registrations", cookie));
        Assert.Contains($"action=\"/console/events/{id}/registrations/{people[2].Id}/promote\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"action=\"/console/events/{id}/registrations/{people[0].Id}/promote\"", page, StringComparison.Ordinal);

        var promote = await client.PostAsync($"console/events/{id}/registrations/{people[2].Id}/promote", cookie,
            [new("csrf", token), new("q", ""), new("status", "waitlisted")]);

        Assert.Equal(HttpStatusCode.SeeOther, promote.StatusCode);
        Assert.Equal($"/console/events/{id}/registrations?status=waitlisted", promote.Headers.Location?.OriginalString);
        var promoted = await RegistrationAsync(id, people[2].Id);
        Assert.Equal(("confirmed", JsonValueKind.Null), (promoted.GetProperty("status").GetString(), promoted.GetProperty("waitlistPosition").ValueKind));
        // Those behind in line move up one; nobody else moves.
        Assert.Equal(1, (await RegistrationAsync(id, people[1].Id)).GetProperty("waitlistPosition").GetInt32());
        Assert.Equal(2, (await RegistrationAsync(id, people[3].Id)).GetProperty("waitlistPosition").GetInt32());
        var counts = (await EventsApi.GetManagedAsync(fixture.App, id)).GetProperty("counts");
        Assert.Equal((2, 2), (counts.GetProperty("confirmed").GetInt32(), counts.GetProperty("waitlisted").GetInt32()));
        var email = Assert.Single(await EventsApi.EmailsForEventAsync(fixture, id, 1, RegistrationEmails.Promoted));
        Assert.Equal(new[] { people[2].Email }, email.Recipients);
        var entry = Assert.Single(await AuditAsync(id), e => e.GetProperty("action").GetString() == AuditActions.RegistrationPromotedByOrganiser);
        Assert.Equal(people[2].Id, entry.GetProperty("registrationId").GetString());
        Assert.Equal("Organiser (key)", entry.GetProperty("actor").GetProperty("name").GetString());
    }

    [Fact]
    public async Task PromotingSomeoneNotWaitlistedIsA409AndChangesNothing()
    {
        var (id, people) = await EventWithAsync(5, "Grace Hopper");
        using var client = new ConsoleClient(fixture.App);
        var (cookie, token) = await client.SignInAsync();
        var before = await EventsApi.SnapshotAsync(fixture.App, id);

        var promote = await client.PostAsync($"console/events/{id}/registrations/{people[0].Id}/promote", cookie, [new("csrf", token)]);
        var missing = await client.PostAsync($"console/events/{id}/registrations/no-such-registration/promote", cookie, [new("csrf", token)]);

        Assert.Contains("Only people on the waitlist can be promoted", await HtmlAsync(promote, HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(before, await EventsApi.SnapshotAsync(fixture.App, id));
        Assert.DoesNotContain(await AuditAsync(id), e => e.GetProperty("action").GetString() == AuditActions.RegistrationPromotedByOrganiser);
    }

    [Fact]
    public async Task TheDoorListsConfirmedPeopleSearchesAndChecksInAndUndoesWithTheCount()
    {
        var (id, people) = await EventWithAsync(2, "Grace Hopper", "Mary Jackson", "Ada Lovelace");
        using var client = new ConsoleClient(fixture.App);
        var (cookie, token) = await client.SignInAsync();

        var door = await HtmlAsync(await client.GetAsync($"console/events/{id}/door", cookie));
        Assert.Contains("0 of 2 checked in", door, StringComparison.Ordinal);
        Assert.Contains("Grace Hopper", door, StringComparison.Ordinal);
        Assert.DoesNotContain("Ada Lovelace", door, StringComparison.Ordinal);
        var search = await HtmlAsync(await client.GetAsync($"console/events/{id}/door?q=JACKSON", cookie));
        Assert.Contains("<p class=\"door-list__name\">Mary Jackson</p>", search, StringComparison.Ordinal);
        Assert.DoesNotContain("Grace Hopper", search, StringComparison.Ordinal);
        Assert.Contains("0 of 2 checked in", search, StringComparison.Ordinal);

        var checkIn = await client.PostAsync($"console/events/{id}/door/{people[1].Id}", cookie, [new("csrf", token), new("q", "jackson"), new("attended", "true")]);

        Assert.Equal(HttpStatusCode.SeeOther, checkIn.StatusCode);
        Assert.Equal($"/console/events/{id}/door?q=jackson", checkIn.Headers.Location?.OriginalString);
        var after = await HtmlAsync(await client.GetAsync($"console/events/{id}/door?q=jackson", cookie));
        Assert.Contains("1 of 2 checked in", after, StringComparison.Ordinal);
        Assert.Contains("Undo check-in<span class=\"visually-hidden\"> of Mary Jackson</span>", after, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, (await RegistrationAsync(id, people[1].Id)).GetProperty("checkedInAt").ValueKind);
        Assert.Contains(await AuditAsync(id), e => e.GetProperty("action").GetString() == AuditActions.RegistrationCheckedIn && e.GetProperty("registrationId").GetString() == people[1].Id);

        var undo = await client.PostAsync($"console/events/{id}/door/{people[1].Id}", cookie, [new("csrf", token), new("q", ""), new("attended", "false")]);

        Assert.Equal($"/console/events/{id}/door", undo.Headers.Location?.OriginalString);
        Assert.Contains("0 of 2 checked in", await HtmlAsync(await client.GetAsync($"console/events/{id}/door", cookie)), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await RegistrationAsync(id, people[1].Id)).GetProperty("checkedInAt").ValueKind);
    }

    [Fact]
    public async Task TheDoorRefusesAWaitlistedPersonAndAFormWithoutAttended()
    {
        var (id, people) = await EventWithAsync(1, "Grace Hopper", "Ada Lovelace");
        using var client = new ConsoleClient(fixture.App);
        var (cookie, token) = await client.SignInAsync();
        var before = await EventsApi.SnapshotAsync(fixture.App, id);

        var waitlisted = await client.PostAsync($"console/events/{id}/door/{people[1].Id}", cookie, [new("csrf", token), new("attended", "true")]);
        var noAnswer = await client.PostAsync($"console/events/{id}/door/{people[0].Id}", cookie, [new("csrf", token), new("attended", "yes")]);

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.BadRequest), (waitlisted.StatusCode, noAnswer.StatusCode));
        Assert.Equal(before, await EventsApi.SnapshotAsync(fixture.App, id));
    }

    [Fact]
    public async Task MessagingTheNoShowsPreviewsTheCountAndEmailsExactlyThem()
    {
        var (id, people) = await EventWithAsync(3, "Grace Hopper", "Mary Jackson", "Ada Lovelace", "Alan Turing");
        using var client = new ConsoleClient(fixture.App);
        var (cookie, token) = await client.SignInAsync();
        Assert.Equal(HttpStatusCode.SeeOther, (await client.PostAsync($"console/events/{id}/door/{people[0].Id}", cookie, [new("csrf", token), new("attended", "true")])).StatusCode);
        var form = await HtmlAsync(await client.GetAsync($"console/events/{id}/message", cookie));
        Assert.Contains("No-shows (confirmed, not checked in): 2</label>", form, StringComparison.Ordinal);
        Assert.Contains("Everyone registered (confirmed or waitlisted): 4</label>", form, StringComparison.Ordinal);
        List<KeyValuePair<string, string>> fields = [new("csrf", token), new("audience", "noShows"), new("subject", "Slides and recording"), new("body", "The **slides** are online.\n\n- one\n- two")];

        var preview = await HtmlAsync(await client.PostAsync($"console/events/{id}/message", cookie, fields));

        Assert.Contains("This message will be sent to 2 people.", preview, StringComparison.Ordinal);
        Assert.Contains("<div><dt>Subject</dt><dd>Slides and recording</dd></div>", preview, StringComparison.Ordinal);
        Assert.Contains("<p>The <strong>slides</strong> are online.</p>", preview, StringComparison.Ordinal);
        Assert.Contains($"<form method=\"post\" action=\"/console/events/{id}/message/send\"", preview, StringComparison.Ordinal);
        Assert.Contains("<input type=\"hidden\" name=\"audience\" value=\"noShows\">", preview, StringComparison.Ordinal);
        Assert.DoesNotContain(await AuditAsync(id), e => e.GetProperty("action").GetString() == AuditActions.MessageSent);

        var send = await client.PostAsync($"console/events/{id}/message/send", cookie, fields);

        Assert.Equal(HttpStatusCode.SeeOther, send.StatusCode);
        Assert.Equal($"/console/events/{id}/message?sent=2", send.Headers.Location?.OriginalString);
        Assert.Contains("Your message is on its way to 2 people", await HtmlAsync(await client.GetAsync(send.Headers.Location!.OriginalString.TrimStart('/'), cookie)), StringComparison.Ordinal);
        var emails = await EventsApi.EmailsForEventAsync(fixture, id, 2, EventFanOut.OrganiserMessage);
        Assert.Equal(new[] { people[1].Email, people[2].Email }.Order(), emails.SelectMany(e => e.Recipients).Order());
        Assert.All(emails, e => Assert.Equal("Slides and recording", e.Subject()));
        var entry = Assert.Single(await AuditAsync(id), e => e.GetProperty("action").GetString() == AuditActions.MessageSent);
        Assert.Equal(("noShows", "2"), (entry.GetProperty("details").GetProperty("audience").GetString(), entry.GetProperty("details").GetProperty("recipients").GetString()));
    }

    [Fact]
    public async Task AMessageWithoutASubjectIsShownAgainWithTheErrorAndNothingIsSent()
    {
        var (id, _) = await EventWithAsync(3, "Grace Hopper");
        using var client = new ConsoleClient(fixture.App);
        var (cookie, token) = await client.SignInAsync();
        List<KeyValuePair<string, string>> fields = [new("csrf", token), new("audience", "all"), new("subject", "  "), new("body", "Kept as typed")];

        var preview = await HtmlAsync(await client.PostAsync($"console/events/{id}/message", cookie, fields), HttpStatusCode.BadRequest);
        var send = await HtmlAsync(await client.PostAsync($"console/events/{id}/message/send", cookie, fields), HttpStatusCode.BadRequest);
        var badAudience = await HtmlAsync(await client.PostAsync($"console/events/{id}/message/send", cookie,
            [new("csrf", token), new("audience", "everyone"), new("subject", "Hello"), new("body", "Hi")]), HttpStatusCode.BadRequest);

        Assert.All(new[] { preview, send }, html =>
        {
            Assert.Contains("<a href=\"#subject\">Enter a subject</a>", html, StringComparison.Ordinal);
            Assert.Contains(">Kept as typed</textarea>", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Send message</button>", html, StringComparison.Ordinal);
        });
        Assert.Contains("<a href=\"#audience\">Choose who to send the message to</a>", badAudience, StringComparison.Ordinal);
        Assert.DoesNotContain(await AuditAsync(id), e => e.GetProperty("action").GetString() == AuditActions.MessageSent);
    }

    private static List<string> Names(string html) =>
        [.. Regex.Matches(html, "<th scope=\"row\">([^<]+)</th>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))];
}
