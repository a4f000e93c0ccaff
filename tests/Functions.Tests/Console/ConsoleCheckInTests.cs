using GoodThings.Audit;
using GoodThings.CheckIn;

namespace GoodThings.OrganiserConsole;

/// <summary>
/// The door: a person's QR code, taken from their confirmation email, opened by an organiser's phone. Not signed in it
/// shows nothing about them; signed in it names them, and its one button checks them in as that organiser.
/// </summary>
public sealed class ConsoleCheckInTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    private string CheckInPage => fixture.App.Configuration["Site:BaseUrl"]!.TrimEnd('/') + "/console/check-in/";

    private async Task<(string EventId, string RegistrationId, string Name, string Path)> RegisteredWithQrCodeAsync()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(format: "inPerson", capacity: 50));
        var id = created.GetProperty("id").GetString()!;
        var name = $"Grace {Guid.NewGuid():N}";
        var registered = await EventsApi.RegisteredAsync(fixture.App, created.GetProperty("slug").GetString()!, name, EventsApi.Address("grace", id));
        var confirmation = Assert.Single(await EventsApi.EmailsForEventAsync(fixture, id, 1, RegistrationEmails.Confirmed));
        var link = confirmation.CheckInLinkInQrCode();
        Assert.StartsWith(CheckInPage, link, StringComparison.Ordinal);
        return (id, registered.GetProperty("registrationId").GetString()!, name, new Uri(link).AbsolutePath);
    }

    private async Task<JsonElement> RegistrationAsync(string eventId, string registrationId) =>
        (await EventsApi.RegistrationsAsync(fixture.App, eventId)).EnumerateArray().Single(r => r.GetProperty("id").GetString() == registrationId);

    private async Task<List<JsonElement>> AuditOfEventAsync(string eventId) =>
        [.. (await fixture.App.KeyedClient.GetFromJsonAsync<JsonElement>($"api/manage/events/{eventId}/audit")).GetProperty("items").EnumerateArray()];

    [Fact]
    public async Task AnOrganiserFollowsTheQrCodeSignsInAndChecksThePersonIn()
    {
        var (eventId, registrationId, name, path) = await RegisteredWithQrCodeAsync();
        using var client = new ConsoleClient(fixture.App);

        var anonymous = await client.GetAsync(path.TrimStart('/'));

        Assert.Equal(HttpStatusCode.SeeOther, anonymous.StatusCode);
        Assert.Equal($"/console/sign-in?returnUrl={Uri.EscapeDataString(path)}", anonymous.Headers.Location?.OriginalString);
        Assert.DoesNotContain(name, await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var (cookie, _) = await client.SignInAsync();
        var page = await client.GetAsync(path.TrimStart('/'), cookie);
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("no-store", page.Headers.CacheControl?.ToString());
        Assert.Contains($"<h1>{name}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<div><dt>Checked in</dt><dd>No</dd></div>", html, StringComparison.Ordinal);
        Assert.Contains($"<form method=\"post\" action=\"{path}\"", html, StringComparison.Ordinal);

        var checkIn = await client.PostAsync(path.TrimStart('/'), cookie, [new("csrf", ConsoleClient.Token(html)), new("attended", "true")]);

        Assert.Equal(HttpStatusCode.SeeOther, checkIn.StatusCode);
        Assert.Equal(path, checkIn.Headers.Location?.OriginalString);
        var after = await (await client.GetAsync(path.TrimStart('/'), cookie)).Content.ReadAsStringAsync();
        Assert.Contains("<p class=\"notice__title\">Checked in at ", after, StringComparison.Ordinal);
        Assert.Contains("Undo check-in</button>", after, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.String, (await RegistrationAsync(eventId, registrationId)).GetProperty("checkedInAt").ValueKind);
        var entry = Assert.Single(await AuditOfEventAsync(eventId), e => e.GetProperty("action").GetString() == AuditActions.RegistrationCheckedIn);
        Assert.Equal(registrationId, entry.GetProperty("registrationId").GetString());
        Assert.Equal((ConsoleOrganiser.KeyActorId, "Organiser (key)"), (entry.GetProperty("actor").GetProperty("id").GetString(), entry.GetProperty("actor").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task UndoingACheckInClearsItAndIsRecorded()
    {
        var (eventId, registrationId, _, path) = await RegisteredWithQrCodeAsync();
        using var client = new ConsoleClient(fixture.App);
        var (cookie, token) = await client.SignInAsync();

        var checkIn = await client.PostAsync(path.TrimStart('/'), cookie, [new("csrf", token), new("attended", "true")]);
        var undo = await client.PostAsync(path.TrimStart('/'), cookie, [new("csrf", token), new("attended", "false")]);

        Assert.Equal((HttpStatusCode.SeeOther, HttpStatusCode.SeeOther), (checkIn.StatusCode, undo.StatusCode));
        Assert.Equal(JsonValueKind.Null, (await RegistrationAsync(eventId, registrationId)).GetProperty("checkedInAt").ValueKind);
        Assert.Contains(await AuditOfEventAsync(eventId), e => e.GetProperty("action").GetString() == AuditActions.RegistrationCheckInUndone);
    }

    [Fact]
    public async Task ATamperedTokenIsA404ForAnOrganiserAndChangesNothing()
    {
        var (eventId, registrationId, name, path) = await RegisteredWithQrCodeAsync();
        // Not the last character: some of its bits are base64 padding, so changing it may change nothing.
        var tampered = path[..^5] + (path[^5] == 'A' ? 'B' : 'A') + path[^4..];
        using var client = new ConsoleClient(fixture.App);
        var (cookie, token) = await client.SignInAsync();

        var page = await client.GetAsync(tampered.TrimStart('/'), cookie);
        var post = await client.PostAsync(tampered.TrimStart('/'), cookie, [new("csrf", token), new("attended", "true")]);
        var notAToken = await client.GetAsync("console/check-in/not-a-token", cookie);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound), (page.StatusCode, post.StatusCode, notAToken.StatusCode));
        Assert.DoesNotContain(name, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await RegistrationAsync(eventId, registrationId)).GetProperty("checkedInAt").ValueKind);
        Assert.DoesNotContain(await AuditOfEventAsync(eventId), e => e.GetProperty("action").GetString() == AuditActions.RegistrationCheckedIn);
    }

    [Fact]
    public async Task AFormWithoutAttendedIsA400AndChangesNothing()
    {
        var (eventId, registrationId, _, path) = await RegisteredWithQrCodeAsync();
        using var client = new ConsoleClient(fixture.App);
        var (cookie, token) = await client.SignInAsync();

        var post = await client.PostAsync(path.TrimStart('/'), cookie, [new("csrf", token), new("attended", "yes please")]);

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await RegistrationAsync(eventId, registrationId)).GetProperty("checkedInAt").ValueKind);
    }
}
