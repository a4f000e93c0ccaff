using System.Net.Http.Headers;

namespace GoodThings;

/// <summary>Test-side helpers over the running app's HTTP API and its captured emails.</summary>
public static partial class EventsApi
{
    public static Dictionary<string, object?> EventBody(string? title = null, int? capacity = 50, string format = "inPerson", DateTimeOffset? startsAt = null)
    {
        var starts = startsAt ?? DateTimeOffset.UtcNow.AddDays(30);
        var body = new Dictionary<string, object?>
        {
            ["title"] = title ?? $"How to make good things happen {Guid.NewGuid():N}",
            ["summary"] = "Practitioners on what worked.",
            ["description"] = "## What we'll cover\n\nDelivery that **worked**.",
            ["startsAt"] = starts.ToString("O"),
            ["endsAt"] = starts.AddHours(2).ToString("O"),
            ["timeZone"] = "Europe/London",
            ["format"] = format,
            ["capacity"] = capacity,
            ["tags"] = new[] { "delivery", "housing" },
            ["speakers"] = new[] { new { name = "Ada Lovelace", role = "Analyst" } },
        };
        if (format != "online")
        {
            body["venue"] = new { name = "The Library", address = "1 High Street, London" };
        }

        if (format != "inPerson")
        {
            body["onlineUrl"] = "https://meet.example.org/good-things";
        }

        return body;
    }

    /// <returns>The created event as the management API returns it.</returns>
    public static async Task<JsonElement> CreateEventAsync(FunctionsApp app, Dictionary<string, object?> body, bool publish = true)
    {
        var created = await app.KeyedClient.PostAsJsonAsync("api/manage/events", body);
        created.EnsureSuccessStatusCode();
        var json = await created.Content.ReadFromJsonAsync<JsonElement>();
        if (!publish)
        {
            return json;
        }

        var published = await app.KeyedClient.PostAsync($"api/manage/events/{json.GetProperty("id").GetString()}/publish", null);
        published.EnsureSuccessStatusCode();
        return await published.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static Task<HttpResponseMessage> RegisterAsync(FunctionsApp app, string slug, string name, string email) =>
        app.Client.PostAsJsonAsync($"api/events/{slug}/registrations", new { name, email });

    public static async Task<JsonElement> GetManagedAsync(FunctionsApp app, string id) =>
        await app.KeyedClient.GetFromJsonAsync<JsonElement>($"api/manage/events/{id}");

    public static string Kind(this SendGridCall call) => call.CustomArg("kind") ?? "";

    public static string Text(this SendGridCall call) =>
        (string)call.Body["content"]!.AsArray().First(c => (string?)c!["type"] == "text/plain")!["value"]!;

    public static string Html(this SendGridCall call) =>
        (string)call.Body["content"]!.AsArray().First(c => (string?)c!["type"] == "text/html")!["value"]!;

    /// <summary>The manage token from the link in an email.</summary>
    public static string ManageToken(this SendGridCall call) => ManageLink().Match(call.Text()).Groups[1].Value;

    public static IReadOnlyList<SendGridCall> To(this IEnumerable<SendGridCall> calls, string email) =>
        [.. calls.Where(c => c.Recipients.Contains(email, StringComparer.OrdinalIgnoreCase))];

    /// <summary>An address that names its event, so a test can pick out that event's emails.</summary>
    public static string Address(string who, string eventId) => $"{who}-{eventId}@example.test";

    /// <summary>Registers and expects 200 or 201; returns the body ({registrationId, status, waitlistPosition}).</summary>
    public static async Task<JsonElement> RegisteredAsync(FunctionsApp app, string slug, string name, string email)
    {
        var response = await RegisterAsync(app, slug, name, email);
        Assert.True(response.IsSuccessStatusCode, $"registering {email} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A request with a body sent exactly as given (for bodies no serializer would write).</summary>
    public static Task<HttpResponseMessage> SendRawAsync(HttpClient client, HttpMethod method, string url, string body, string contentType = "application/json") =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = Raw(body, contentType) });

    public static ByteArrayContent Raw(string body, string contentType = "application/json") => Raw(Encoding.UTF8.GetBytes(body), contentType);

    public static ByteArrayContent Raw(byte[] body, string contentType = "application/json")
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return content;
    }

    public static Task<HttpResponseMessage> PatchAsync(FunctionsApp app, string id, object patch) =>
        app.KeyedClient.PatchAsync($"api/manage/events/{id}", Raw(JsonSerializer.Serialize(patch), "application/merge-patch+json"));

    /// <summary>Everything the API shows about the app's events and one event's registrations, to compare before and after.</summary>
    public static async Task<string> SnapshotAsync(FunctionsApp app, string eventId) =>
        await app.KeyedClient.GetStringAsync("api/manage/events") + "\n" + await app.KeyedClient.GetStringAsync($"api/manage/events/{eventId}/registrations");

    /// <summary>Asserts an RFC 9457 problem with this status (and, for validation, an error for <paramref name="field"/>).</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(text).RootElement;
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        if (field is not null)
        {
            Assert.True(
                problem.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out var messages) && messages.GetArrayLength() > 0,
                $"expected an error for '{field}': {text}");
        }

        return problem;
    }

    /// <summary>Emails to addresses made by <see cref="Address"/> for this event.</summary>
    public static IReadOnlyList<SendGridCall> ForEvent(this IEnumerable<SendGridCall> calls, string eventId) =>
        [.. calls.Where(c => c.Recipients.Any(r => r.Contains(eventId, StringComparison.Ordinal)))];

    /// <summary>Waits for at least <paramref name="count"/> accepted emails to this event's people, then for the pipeline to settle, so any extra shows.</summary>
    public static async Task<IReadOnlyList<SendGridCall>> EmailsForEventAsync(GoodThingsAppFixture fixture, string eventId, int count, string? kind = null)
    {
        bool Matches(SendGridCall c) => c.Recipients.Any(r => r.Contains(eventId, StringComparison.Ordinal)) && (kind is null || c.Kind() == kind);
        var emails = await fixture.SendGrid.WaitForAcceptedAsync(count, where: Matches);
        Assert.True(emails.Count >= count, $"expected {count} {kind ?? "emails"} for event {eventId}, got {emails.Count}");
        await Settle.EmailsAsync(fixture.App);
        return [.. fixture.SendGrid.Accepted.Where(Matches)];
    }

    /// <summary>The manage token from the first email to <paramref name="email"/>.</summary>
    public static async Task<string> ManageTokenAsync(FakeSendGrid sendGrid, string email)
    {
        var emails = await sendGrid.WaitForAcceptedAsync(1, where: c => c.Recipients.Contains(email, StringComparer.OrdinalIgnoreCase));
        Assert.True(emails.Count > 0, $"no email reached {email}");
        return emails[0].ManageToken();
    }

    public static async Task<JsonElement> RegistrationsAsync(FunctionsApp app, string eventId) =>
        await app.KeyedClient.GetFromJsonAsync<JsonElement>($"api/manage/events/{eventId}/registrations");

    public static async Task<JsonElement> PublicEventsAsync(FunctionsApp app) =>
        await app.Client.GetFromJsonAsync<JsonElement>("api/events");

    public static string Subject(this SendGridCall call) =>
        (string?)call.Body["subject"] ?? (string)call.Body["personalizations"]![0]!["subject"]!;

    public static string? IdempotencyKey(this SendGridCall call) => call.CustomArg("idempotency_key");

    /// <summary>The email's calendar attachment: its content type and text, or null when it has none.</summary>
    public static (string Type, string Text)? CalendarFile(this SendGridCall call) =>
        call.Body["attachments"]?.AsArray().FirstOrDefault(a => ((string?)a!["type"])?.StartsWith("text/calendar", StringComparison.Ordinal) == true) is { } attachment
            ? ((string)attachment["type"]!, Encoding.UTF8.GetString(Convert.FromBase64String((string)attachment["content"]!)))
            : null;

    [GeneratedRegex(@"/registrations/([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)")]
    private static partial Regex ManageLink();
}
