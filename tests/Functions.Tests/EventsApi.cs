using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using GoodThings.TestSupport;

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

    [GeneratedRegex(@"/registrations/([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)")]
    private static partial Regex ManageLink();
}
