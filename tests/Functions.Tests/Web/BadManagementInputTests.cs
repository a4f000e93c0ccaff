using static GoodThings.Web.BadInput;

namespace GoodThings.Web;

/// <summary>
/// Bad input on the management routes: every case gets a 4xx problem (never a 5xx), and the events, the
/// registrations and the outbox are as they were before: nothing stored, nobody emailed.
/// </summary>
public sealed class BadManagementInputTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    private const string MergePatch = "application/merge-patch+json";

    private static readonly Dictionary<string, Case> Cases = new(StringComparer.Ordinal)
    {
        // Create event: body shape.
        ["create: malformed JSON"] = Create("{\"title\": "),
        ["create: body is a string"] = Create("\"an event\""),
        ["create: duplicate keys"] = Create(_ => Raw(JsonText(EventBody()).Replace("\"capacity\":50", "\"capacity\":0,\"capacity\":50", StringComparison.Ordinal))),
        ["create: text/plain"] = Create(_ => Raw(JsonText(EventsApi.EventBody()), "text/plain")) with { Status = 415 },
        ["create: body over 64 KiB"] = Create(_ => JsonBody(EventBody(b => b["description"] = new string('d', 70_000)))) with { Status = 413 },

        // Create event: wrong types, missing and unknown fields.
        ["create: capacity is \"fifty\""] = Create(_ => JsonBody(EventBody(b => b["capacity"] = "fifty")), "capacity"),
        ["create: capacity is a fraction"] = Create(_ => JsonBody(EventBody(b => b["capacity"] = 10.5)), "capacity"),
        ["create: capacity beyond int"] = Create(_ => Raw(JsonText(EventBody()).Replace("\"capacity\":50", "\"capacity\":2147483648", StringComparison.Ordinal)), "capacity"),
        ["create: capacity zero"] = Create(_ => JsonBody(EventBody(b => b["capacity"] = 0)), "capacity"),
        ["create: capacity negative"] = Create(_ => JsonBody(EventBody(b => b["capacity"] = -5)), "capacity"),
        ["create: capacity huge"] = Create(_ => JsonBody(EventBody(b => b["capacity"] = 1_000_000)), "capacity"),
        ["create: title is a number"] = Create(_ => JsonBody(EventBody(b => b["title"] = 5)), "title"),
        ["create: title missing"] = Create(_ => JsonBody(EventBody(b => b.Remove("title"))), "title"),
        ["create: startsAt missing"] = Create(_ => JsonBody(EventBody(b => b.Remove("startsAt"))), "startsAt"),
        ["create: format missing"] = Create(_ => JsonBody(EventBody(b => b.Remove("format"))), "format"),
        ["create: format unknown"] = Create(_ => JsonBody(EventBody(b => b["format"] = "webinar")), "format"),
        ["create: unknown field"] = Create(_ => JsonBody(EventBody(b => b["organiser"] = "Ada")), "organiser"),
        ["create: status given"] = Create(_ => JsonBody(EventBody(b => b["status"] = "published")), "status"),
        ["create: more than 20 tags"] = Create(_ => JsonBody(EventBody(b => b["tags"] = Enumerable.Range(1, 21).Select(i => $"tag{i}").ToArray())), "tags"),
        ["create: a null speaker"] = Create(_ => JsonBody(EventBody(b => b["speakers"] = new object?[] { null })), "speakers[0].name"),
        ["create: a null tag"] = Create(_ => JsonBody(EventBody(b => b["tags"] = new string?[] { "housing", null })), "tags[1]"),
        ["create: a tag that is a number"] = Create(_ => JsonBody(EventBody(b => b["tags"] = new object[] { "housing", 7 })), "tags[1]"),
        ["create: recording link a number"] = Create(_ => JsonBody(EventBody(b => b["followUp"] = new { recordingUrl = 5 })), "followUp.recordingUrl"),
        ["create: title over 200"] = Create(_ => JsonBody(EventBody(b => b["title"] = new string('t', 201))), "title"),
        ["create: summary over 500"] = Create(_ => JsonBody(EventBody(b => b["summary"] = new string('s', 501))), "summary"),
        ["create: description with a NUL"] = Create(_ => JsonBody(EventBody(b => b["description"] = "Line one\u0000two")), "description"),
        ["create: visibility unknown"] = Create(_ => JsonBody(EventBody(b => b["visibility"] = "secret")), "visibility"),
        ["create: reserved seats over capacity"] = Create(_ => JsonBody(EventBody(b => b["invitations"] = new { reservedSeats = 51 })), "invitations.reservedSeats"),
        ["create: reserved seats negative"] = Create(_ => JsonBody(EventBody(b => b["invitations"] = new { reservedSeats = -1 })), "invitations.reservedSeats"),
        ["create: reserved seats without a capacity"] = Create(_ => JsonBody(EventBody(b => { b["capacity"] = null; b["invitations"] = new { reservedSeats = 5 }; })), "invitations.reservedSeats"),

        // Create event: CR/LF and HTML in every single-line text field.
        ["create: title with CRLF"] = Create(_ => JsonBody(EventBody(b => b["title"] = "Net zero\r\nBcc: all@example.test")), "title"),
        ["create: title with HTML"] = Create(_ => JsonBody(EventBody(b => b["title"] = "Net zero <script>alert(1)</script>")), "title"),
        ["create: summary with CRLF"] = Create(_ => JsonBody(EventBody(b => b["summary"] = "One\r\nTwo")), "summary"),
        ["create: summary with HTML"] = Create(_ => JsonBody(EventBody(b => b["summary"] = "<b>Bold</b> claims")), "summary"),
        ["create: venue name with CRLF"] = Create(_ => JsonBody(EventBody(b => b["venue"] = new { name = "The\r\nLibrary", address = "1 High Street" })), "venue.name"),
        ["create: venue name with HTML"] = Create(_ => JsonBody(EventBody(b => b["venue"] = new { name = "<i>The Library</i>", address = "1 High Street" })), "venue.name"),
        ["create: venue address with CRLF"] = Create(_ => JsonBody(EventBody(b => b["venue"] = new { name = "The Library", address = "1 High Street\r\nLondon" })), "venue.address"),
        ["create: venue address with HTML"] = Create(_ => JsonBody(EventBody(b => b["venue"] = new { name = "The Library", address = "<iframe src=https://evil.example>" })), "venue.address"),
        ["create: speaker name with CRLF"] = Create(_ => JsonBody(EventBody(b => b["speakers"] = new[] { new { name = "Ada\nLovelace", role = "Analyst" } })), "speakers[0].name"),
        ["create: speaker name with HTML"] = Create(_ => JsonBody(EventBody(b => b["speakers"] = new[] { new { name = "<b>Ada</b>", role = "Analyst" } })), "speakers[0].name"),
        ["create: speaker role with CRLF"] = Create(_ => JsonBody(EventBody(b => b["speakers"] = new[] { new { name = "Ada", role = "Ana\r\nlyst" } })), "speakers[0].role"),
        ["create: speaker role with HTML"] = Create(_ => JsonBody(EventBody(b => b["speakers"] = new[] { new { name = "Ada", role = "<svg onload=alert(1)>" } })), "speakers[0].role"),
        ["create: tag with CRLF"] = Create(_ => JsonBody(EventBody(b => b["tags"] = new[] { "housing", "deli\r\nvery" })), "tags[1]"),
        ["create: tag with HTML"] = Create(_ => JsonBody(EventBody(b => b["tags"] = new[] { "<script>" })), "tags[0]"),

        // Create event: times and zones.
        ["create: time zone Mars/Olympus"] = Create(_ => JsonBody(EventBody(b => b["timeZone"] = "Mars/Olympus")), "timeZone"),
        ["create: time zone GMT+1"] = Create(_ => JsonBody(EventBody(b => b["timeZone"] = "GMT+1")), "timeZone"),
        ["create: time zone by Windows name"] = Create(_ => JsonBody(EventBody(b => b["timeZone"] = "GMT Standard Time")), "timeZone"),
        ["create: time zone empty"] = Create(_ => JsonBody(EventBody(b => b["timeZone"] = "")), "timeZone"),
        ["create: time zone in lower case"] = Create(_ => JsonBody(EventBody(b => b["timeZone"] = "europe/london")), "timeZone"),
        ["create: time zone localtime"] = Create(_ => JsonBody(EventBody(b => b["timeZone"] = "localtime")), "timeZone"),
        ["create: time zone posixrules"] = Create(_ => JsonBody(EventBody(b => b["timeZone"] = "posixrules")), "timeZone"),
        ["create: time zone a path"] = Create(_ => JsonBody(EventBody(b => b["timeZone"] = "../../etc/passwd")), "timeZone"),
        ["create: startsAt without offset"] = Create(_ => JsonBody(EventBody(b => b["startsAt"] = "2031-05-01T18:00:00")), "startsAt"),
        ["create: startsAt a date only"] = Create(_ => JsonBody(EventBody(b => b["startsAt"] = "2031-05-01")), "startsAt"),
        ["create: startsAt not a date"] = Create(_ => JsonBody(EventBody(b => b["startsAt"] = "next Tuesday")), "startsAt"),
        ["create: endsAt before startsAt"] = Create(_ => JsonBody(EventBody(b => b["endsAt"] = DateTimeOffset.UtcNow.AddDays(29).ToString("O"))), "endsAt"),
        ["create: endsAt equal to startsAt"] = Create(_ => JsonBody(EventBody(b => b["endsAt"] = b["startsAt"])), "endsAt"),
        ["create: registration closing after the end"] = Create(_ => JsonBody(EventBody(b => b["registrationClosesAt"] = DateTimeOffset.UtcNow.AddDays(31).ToString("O"))), "registrationClosesAt"),

        // Create event: links, venue and slug.
        ["create: online link javascript:"] = Create(_ => JsonBody(EventBody(b => b["onlineUrl"] = "javascript:alert(document.cookie)")), "onlineUrl"),
        ["create: online link http:"] = Create(_ => JsonBody(EventBody(b => b["onlineUrl"] = "http://meet.example.org/good-things")), "onlineUrl"),
        ["create: online link data:"] = Create(_ => JsonBody(EventBody(b => b["onlineUrl"] = "data:text/html,<script>alert(1)</script>")), "onlineUrl"),
        ["create: online event without a link"] = Create(_ => JsonBody(EventBody(b => b.Remove("onlineUrl"), format: "online")), "onlineUrl"),
        ["create: in person without a venue"] = Create(_ => JsonBody(EventBody(b => b.Remove("venue"), format: "inPerson")), "venue"),
        ["create: recording link javascript:"] = Create(_ => JsonBody(EventBody(b => b["followUp"] = new { recordingUrl = "javascript:alert(1)" })), "followUp.recordingUrl"),
        ["create: slides link http:"] = Create(_ => JsonBody(EventBody(b => b["followUp"] = new { slidesUrl = "http://slides.example.org/deck" })), "followUp.slidesUrl"),
        ["create: feedback link data:"] = Create(_ => JsonBody(EventBody(b => b["followUp"] = new { feedbackUrl = "data:text/html;base64,PHNjcmlwdD4=" })), "followUp.feedbackUrl"),
        ["create: slug ../etc"] = Create(_ => JsonBody(EventBody(b => b["slug"] = "../etc")), "slug"),
        ["create: slug in upper case"] = Create(_ => JsonBody(EventBody(b => b["slug"] = "Good-Things")), "slug"),
        ["create: slug too short"] = Create(_ => JsonBody(EventBody(b => b["slug"] = "ab")), "slug"),
        ["create: slug too long"] = Create(_ => JsonBody(EventBody(b => b["slug"] = new string('a', 81))), "slug"),
        ["create: slug with a space"] = Create(_ => JsonBody(EventBody(b => b["slug"] = "good things")), "slug"),
        ["create: slug taken"] = Create(s => JsonBody(EventBody(b => b["slug"] = s.Slug))) with { Status = 409 },

        // Patch event.
        ["patch: status"] = Patch(_ => JsonBody(new { status = "cancelled" }, MergePatch), "status"),
        ["patch: counts"] = Patch(_ => JsonBody(new { counts = new { confirmed = 0 } }, MergePatch), "counts"),
        ["patch: id"] = Patch(_ => JsonBody(new { id = "another" }, MergePatch), "id"),
        ["patch: createdAt"] = Patch(_ => JsonBody(new { createdAt = "2020-01-01T00:00:00Z" }, MergePatch), "createdAt"),
        ["patch: capacity below confirmed"] = Patch(_ => JsonBody(new { capacity = 1 }, MergePatch)) with { Status = 409 },
        ["patch: hybrid event loses its link"] = Patch(_ => Raw("{\"onlineUrl\": null}", MergePatch), "onlineUrl"),
        ["patch: hybrid event loses its venue"] = Patch(_ => Raw("{\"venue\": null}", MergePatch), "venue"),
        ["patch: not an object"] = Patch(_ => Raw("[{\"title\": \"New\"}]", MergePatch)),
        ["patch: null"] = Patch(_ => Raw("null", MergePatch)),
        ["patch: malformed JSON"] = Patch(_ => Raw("{\"title\": \"New\"", MergePatch)),
        ["patch: duplicate keys"] = Patch(_ => Raw("{\"title\": \"New\", \"title\": \"Newer\"}", MergePatch)),
        ["patch: duplicate keys inside an object"] = Patch(_ => Raw("{\"venue\": {\"name\": \"Hall\", \"name\": \"Other hall\"}}", MergePatch)),
        ["patch: text/plain"] = Patch(_ => Raw("{\"title\": \"New\"}", "text/plain")) with { Status = 415 },
        ["patch: body over 64 KiB"] = Patch(_ => JsonBody(new { description = new string('d', 70_000) }, MergePatch)) with { Status = 413 },
        ["patch: capacity is \"fifty\""] = Patch(_ => JsonBody(new { capacity = "fifty" }, MergePatch), "capacity"),
        ["patch: capacity zero"] = Patch(_ => JsonBody(new { capacity = 0 }, MergePatch), "capacity"),
        ["patch: venue is a string"] = Patch(_ => JsonBody(new { venue = "The Library" }, MergePatch), "venue"),
        ["patch: title with HTML"] = Patch(_ => JsonBody(new { title = "<h1>Shout</h1>" }, MergePatch), "title"),
        ["patch: startsAt without offset"] = Patch(_ => JsonBody(new { startsAt = "2031-05-01T18:00:00" }, MergePatch), "startsAt"),
        ["patch: endsAt before startsAt"] = Patch(_ => JsonBody(new { endsAt = "2000-01-01T00:00:00Z" }, MergePatch), "endsAt"),
        ["patch: time zone Mars/Olympus"] = Patch(_ => JsonBody(new { timeZone = "Mars/Olympus" }, MergePatch), "timeZone"),
        ["patch: time zone localtime"] = Patch(_ => JsonBody(new { timeZone = "localtime" }, MergePatch), "timeZone"),
        ["patch: online link javascript:"] = Patch(_ => JsonBody(new { onlineUrl = "javascript:alert(1)" }, MergePatch), "onlineUrl"),
        ["patch: slug upper case"] = Patch(_ => JsonBody(new { slug = "NEW-SLUG" }, MergePatch), "slug"),
        ["patch: unpaired surrogate"] = Patch(_ => Raw("{\"title\": \"Net zero \\udc00\"}", MergePatch)),
        ["patch: very long id"] = new(HttpMethod.Patch, $"api/manage/events/{new string('a', 600)}", _ => JsonBody(new { title = "New" }, MergePatch), 404, Keyed: true),
        ["patch: encoded slash in id"] = new(HttpMethod.Patch, "api/manage/events/{id}%2F..%2F{id}", _ => JsonBody(new { title = "New" }, MergePatch), 404, Keyed: true),
        ["patch: cancelled event"] = Patch(_ => JsonBody(new { title = "Back on" }, MergePatch)) with { Status = 409, Arrange = CancelEventAsync },

        // Other management routes.
        ["get: path trick in id"] = new(HttpMethod.Get, "api/manage/events/..%2F..%2Fhealth", _ => null, 404, Keyed: true),
        ["registrations: unknown event"] = new(HttpMethod.Get, "api/manage/events/{id}0/registrations", _ => null, 404, Keyed: true),
        ["check-in: path trick in registration id"] = new(HttpMethod.Post, "api/manage/events/{id}/registrations/..%2F{ada}/check-in", _ => null, 404, Keyed: true),
        ["check-in: unknown registration"] = new(HttpMethod.Post, "api/manage/events/{id}/registrations/{id}/check-in", _ => null, 404, Keyed: true),
        ["promote: path trick in registration id"] = new(HttpMethod.Post, "api/manage/events/{id}/registrations/..%2F{ada}/promote", _ => null, 404, Keyed: true),
        ["promote: confirmed, not waitlisted"] = new(HttpMethod.Post, "api/manage/events/{id}/registrations/{ada}/promote", _ => null, 409, Keyed: true),
        ["publish: announce is a string"] = new(HttpMethod.Post, "api/manage/events/{id}/publish", _ => JsonBody(new { announce = "yes" }), 400, "announce", Keyed: true),
        ["cancel: reason with HTML"] = new(HttpMethod.Post, "api/manage/events/{id}/cancel", _ => JsonBody(new { reason = "<b>Speaker ill</b>" }), 400, "reason", Keyed: true),
        ["cancel: unknown field"] = new(HttpMethod.Post, "api/manage/events/{id}/cancel", _ => JsonBody(new { reason = "Ill", notify = false }), 400, "notify", Keyed: true),
        ["cancel: no body"] = new(HttpMethod.Post, "api/manage/events/{id}/cancel", _ => null, 415, Keyed: true),
        ["message: audience not in the list"] = Message(_ => JsonBody(new { subject = "Hello", body = "Hi", audience = "everyone" }), "audience"),
        ["message: subject with CRLF"] = Message(_ => JsonBody(new { subject = "Hello\r\nBcc: all@example.test", body = "Hi" }), "subject"),
        ["message: subject with HTML"] = Message(_ => JsonBody(new { subject = "<b>Hello</b>", body = "Hi" }), "subject"),
        ["message: subject missing"] = Message(_ => JsonBody(new { body = "Hi" }), "subject"),
        ["message: body missing"] = Message(_ => JsonBody(new { subject = "Hello" }), "body"),
        ["message: subject over 200"] = Message(_ => JsonBody(new { subject = new string('s', 201), body = "Hi" }), "subject"),
        ["message: unknown field"] = Message(_ => JsonBody(new { subject = "Hello", body = "Hi", to = "all@example.test" }), "to"),
        ["message: malformed JSON"] = Message(_ => Raw("{\"subject\": \"Hello\", ")),
        ["message: text/plain"] = Message(_ => Raw("{\"subject\": \"Hello\", \"body\": \"Hi\"}", "text/plain")) with { Status = 415 },
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public Task BadInputGetsAProblemAndStoresNothing(string name) => AssertProblemAndNothingChangedAsync(fixture, Cases[name]);

    [Theory]
    [InlineData("text/csv;;;q=abc")]
    [InlineData("*/*; q=\"")]
    [InlineData("text/csv, , ,garbage")]
    public async Task AMalformedAcceptHeaderStillGetsTheRegistrations(string accept)
    {
        var scene = await SceneAsync(fixture);
        var request = new HttpRequestMessage(HttpMethod.Get, $"api/manage/events/{scene.Id}/registrations");
        request.Headers.TryAddWithoutValidation("Accept", accept);

        var response = await fixture.App.KeyedClient.SendAsync(request);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(EventsApi.Address("ada", scene.Id), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheTableCoversAtLeastFortyCases() => Assert.True(Cases.Count >= 40, $"{Cases.Count} cases");
}
