using static GoodThings.Invitations.InvitationsApi;

namespace GoodThings.Invitations;

/// <summary>
/// Bad invite requests, as JSON and as CSV. What is wrong with the whole request (not UTF-8, not CSV, no email column,
/// more than 1 000 rows) gets a 4xx problem and invites nobody; what is wrong with one row (a formula cell, a repeated
/// or bad address) is reported on that row, and the good rows are invited all the same.
/// </summary>
public sealed class InvitationBadInputTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    /// <param name="Results">Null for a refused request; otherwise each row's result, in order.</param>
    public sealed record Case(Func<string, HttpContent> Body, int Status, string[]? Results = null, string? Query = null);

    private static readonly Dictionary<string, Case> Cases = new(StringComparer.Ordinal)
    {
        // JSON: the request as a whole.
        ["json: 1 001 invitees"] = Json(id => new { invitees = People(id, 1001) }, 400),
        ["json: malformed"] = new(_ => EventsApi.Raw("{\"invitees\": ["), 400),
        ["json: no invitees"] = Json(_ => new { message = "Hello" }, 400),
        ["json: empty invitees"] = Json(_ => new { invitees = Array.Empty<object>() }, 400),
        ["json: invitees not a list"] = Json(_ => new { invitees = "ada@example.test" }, 400),
        ["json: unknown field"] = Json(id => new { invitees = People(id, 1), subject = "Hi" }, 400),
        ["json: Latin-1 bytes"] = new(id => EventsApi.Raw(Encoding.Latin1.GetBytes($"{{\"invitees\":[{{\"name\":\"Zoë\",\"email\":\"zoe-{id}@example.test\"}}]}}")), 400),
        ["json: message with a NUL"] = Json(id => new { invitees = People(id, 1), message = "Hello\u0000there" }, 400),
        ["json: over 1 MiB"] = Json(id => new { invitees = People(id, 1), message = new string('m', 1_100_000) }, 413),
        ["json: text/plain"] = new(id => EventsApi.Raw(JsonSerializer.Serialize(new { invitees = People(id, 1) }), "text/plain"), 415),

        // JSON: one row at a time.
        ["json: formula in a name"] = Json(id => new { invitees = new[] { new { name = "=HYPERLINK(\"https://evil.example\")", email = $"a-{id}@example.test" }, new { name = "Ben", email = $"b-{id}@example.test" } } }, 200, ["invalid", "invited"]),
        ["json: formula in an address"] = Json(id => new { invitees = new[] { new { name = "Ada", email = $"@SUM(1)a-{id}@example.test" }, new { name = "Ben", email = $"b-{id}@example.test" } } }, 200, ["invalid", "invited"]),
        ["json: the same address twice"] = Json(id => new { invitees = new[] { new { name = "Ada", email = $"ada-{id}@example.test" }, new { name = "Ada again", email = $" ADA-{id}@Example.Test " } } }, 200, ["invited", "invalid"]),
        ["json: a null invitee"] = Json(id => new { invitees = new object?[] { null, new { name = "Ben", email = $"b-{id}@example.test" } } }, 200, ["invalid", "invited"]),
        ["json: no address"] = Json(id => new { invitees = new object[] { new { name = "Ada" }, new { name = "Ben", email = $"b-{id}@example.test" } } }, 200, ["invalid", "invited"]),
        ["json: a name with HTML"] = Json(id => new { invitees = new[] { new { name = "<b>Ada</b>", email = $"a-{id}@example.test" }, new { name = "Ben", email = $"b-{id}@example.test" } } }, 200, ["invalid", "invited"]),
        ["json: a name on two lines"] = Json(id => new { invitees = new[] { new { name = "Ada\r\nBcc: all@example.test", email = $"a-{id}@example.test" } } }, 200, ["invalid"]),

        // CSV: the file as a whole.
        ["csv: 1 001 rows"] = Csv(id => InvitationsApi.Csv(Invitees(id, 1001)), 400),
        ["csv: Latin-1 encoded"] = new(id => EventsApi.Raw(Encoding.Latin1.GetBytes($"name,email\r\nZoë,zoe-{id}@example.test\r\n"), "text/csv"), 400),
        ["csv: UTF-16"] = new(id => EventsApi.Raw(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes($"name,email\r\nAda,ada-{id}@example.test\r\n")).ToArray(), "text/csv"), 400),
        ["csv: UTF-16 without a byte order mark"] = new(id => EventsApi.Raw(Encoding.Unicode.GetBytes($"name,email\r\nAda,ada-{id}@example.test\r\n"), "text/csv"), 400),
        ["csv: charset windows-1252"] = new(id => EventsApi.Raw(Encoding.UTF8.GetBytes($"name,email\r\nAda,ada-{id}@example.test\r\n"), "text/csv; charset=windows-1252"), 415),
        ["csv: no email column"] = Csv(id => $"name,address\r\nAda,ada-{id}@example.test\r\n", 400),
        ["csv: no header row"] = Csv(id => $"Ada,ada-{id}@example.test\r\nBen,ben-{id}@example.test\r\n", 400),
        ["csv: empty"] = Csv(_ => "", 400),
        ["csv: a header and nothing else"] = Csv(_ => "name,email\r\n", 400),
        ["csv: JSON sent as CSV"] = Csv(id => JsonSerializer.Serialize(new { invitees = People(id, 2) }), 400),
        ["csv: a stray quote"] = Csv(id => $"name,email\r\nAda \"the\" Countess,ada-{id}@example.test\r\n", 400),
        ["csv: an unclosed quote"] = Csv(id => $"name,email\r\n\"Ada,ada-{id}@example.test\r\nBen,ben-{id}@example.test\r\n", 400),
        ["csv: a binary file"] = new(_ => EventsApi.Raw([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00], "text/csv"), 400),
        ["csv: message with a NUL"] = Csv(id => $"name,email\r\nAda,ada-{id}@example.test\r\n", 400) with { Query = "Hello\u0000there" },

        // CSV: one row at a time.
        ["csv: formula cells"] = Csv(id => $"name,email\r\n=1+1,a-{id}@example.test\r\n+SUM(A1),b-{id}@example.test\r\n-2+3,c-{id}@example.test\r\n@cmd,d-{id}@example.test\r\nEve,e-{id}@example.test\r\n", 200, ["invalid", "invalid", "invalid", "invalid", "invited"]),
        ["csv: the same address twice"] = Csv(id => $"name,email\r\nAda,ada-{id}@example.test\r\nAda,ADA-{id}@example.test\r\n", 200, ["invited", "invalid"]),
        ["csv: a row without its address"] = Csv(id => $"name,email\r\nAda\r\nBen,ben-{id}@example.test\r\n", 200, ["invalid", "invited"]),
        ["csv: not an address"] = Csv(id => $"name,email\r\nAda,ada at example\r\nBen,ben-{id}@example.test\r\n", 200, ["invalid", "invited"]),
        ["csv: quoted names, a byte order mark, extra columns and blank lines"] = new(
            id => EventsApi.Raw([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes($"Email,Name,Team\r\nada-{id}@example.test,\"Lovelace, Ada\",Analytics\r\n\r\n ben-{id}@example.test , Ben ,\r\n")], "text/csv"),
            200, ["invited", "invited"]),
    };

    public static TheoryData<string> Names => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task ABadRequestInvitesNobodyAndABadRowOnlyItself(string name)
    {
        var @case = Cases[name];
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody());
        var id = created.GetProperty("id").GetString()!;

        var response = await fixture.App.KeyedClient.PostAsync(Url(id) + (@case.Query is null ? "" : $"?message={Uri.EscapeDataString(@case.Query)}"), @case.Body(id));

        if (@case.Results is null)
        {
            await EventsApi.AssertProblemAsync(response, @case.Status);
            Assert.Equal(0, (await TrackingAsync(fixture.App, id)).GetProperty("totals").GetProperty("invited").GetInt32());
            await Settle.EmailsAsync(fixture.App);
            Assert.DoesNotContain(fixture.SendGrid.Calls, c => c.Recipients.Any(r => r.Contains(id, StringComparison.Ordinal)));
            return;
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rows = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(@case.Results, rows.Select(r => r.GetProperty("result").GetString()));
        Assert.All(rows.Where(r => r.GetProperty("result").GetString() == "invalid"), r => Assert.False(string.IsNullOrWhiteSpace(r.GetProperty("reason").GetString())));
        var invited = @case.Results.Count(r => r == "invited");
        Assert.Equal(invited, (await TrackingAsync(fixture.App, id)).GetProperty("totals").GetProperty("invited").GetInt32());
        await fixture.SendGrid.WaitForAcceptedAsync(invited, where: c => c.IsInvitation() && c.Recipients.Any(r => r.Contains(id, StringComparison.Ordinal)));
        await Settle.EmailsAsync(fixture.App);
        Assert.Equal(invited, fixture.SendGrid.Accepted.Count(c => c.IsInvitation() && c.Recipients.Any(r => r.Contains(id, StringComparison.Ordinal))));
    }

    [Fact]
    public void TheTableHasFormulasWrongEncodingsTooManyRowsRepeatsAndAMissingColumnForBothFormats() =>
        Assert.All(
            ["json: formula", "csv: formula", "json: Latin-1", "csv: Latin-1", "json: 1 001", "csv: 1 001", "json: the same address twice", "csv: the same address twice", "csv: no email column", "json: no invitees"],
            fault => Assert.Contains(Cases.Keys, name => name.StartsWith(fault, StringComparison.Ordinal)));

    private static Case Json(Func<string, object> body, int status, string[]? results = null) =>
        new(id => EventsApi.Raw(JsonSerializer.Serialize(body(id))), status, results);

    private static Case Csv(Func<string, string> body, int status, string[]? results = null) =>
        new(id => EventsApi.Raw(Encoding.UTF8.GetBytes(body(id)), "text/csv"), status, results);

    private static IEnumerable<(string Name, string Email)> Invitees(string id, int count) =>
        Enumerable.Range(1, count).Select(i => ($"Person {i}", $"person{i}-{id}@example.test"));

    private static object[] People(string id, int count) => [.. Invitees(id, count).Select(p => new { name = p.Name, email = p.Email })];
}
