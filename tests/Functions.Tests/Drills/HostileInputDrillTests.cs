using Microsoft.Azure.Functions.Worker;

namespace GoodThings.Drills;

/// <summary>
/// Hostile input over every HTTP route the functions serve (read from their own attributes, so a new route is drilled
/// the day it lands): malformed, deep, huge, mistyped, duplicated and badly encoded bodies, wrong content types and
/// query junk. Every answer is below 500, and storage is exactly as it was: every table and queue scanned before and
/// after each route.
/// </summary>
public sealed class HostileInputDrillTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    /// <summary>Each makes a request body; none is valid input for any route.</summary>
    private static readonly Dictionary<string, Func<HttpContent>> Bodies = new(StringComparer.Ordinal)
    {
        ["malformed JSON"] = () => EventsApi.Raw("{\"name\": \"Ada\", \"email\": "),
        ["a JSON array"] = () => EventsApi.Raw("[1, 2, 3]"),
        ["JSON null"] = () => EventsApi.Raw("null"),
        ["deeply nested JSON"] = () => EventsApi.Raw(new string('[', 5_000) + new string(']', 5_000)),
        ["deeply nested objects"] = () => EventsApi.Raw(string.Concat(Enumerable.Repeat("{\"a\":", 2_000)) + "1" + new string('}', 2_000)),
        ["huge JSON"] = () => EventsApi.Raw("{\"name\": \"" + new string('a', 2 * 1024 * 1024) + "\"}"),
        ["every field the wrong type"] = () => EventsApi.Raw("""{"name": 5, "email": [], "capacity": "many", "invitees": {}, "subject": true, "reason": 1.5, "topics": "all", "title": null}"""),
        ["control characters"] = () => EventsApi.Raw("{\"name\": \"\\u0000\\u0007\\u001b\", \"email\": \"a\\u0000@example.test\", \"title\": \"\\r\\nBcc: x\"}"),
        ["half a surrogate pair"] = () => EventsApi.Raw("{\"name\": \"\\ud800\", \"email\": \"\\udfff@example.test\"}"),
        ["invalid UTF-8"] = () => EventsApi.Raw([.. "{\"name\": \""u8, 0xC3, 0x28, 0xFF, .. "\"}"u8]),
        ["duplicate keys"] = () => EventsApi.Raw("{\"email\": \"a@example.test\", \"email\": \"b@example.test\"}"),
        ["XML"] = () => EventsApi.Raw("<event><title>x</title></event>", "application/xml"),
        ["form junk"] = () => EventsApi.Raw("%%%=%ZZ&&=&name=%C3%28&email", "application/x-www-form-urlencoded"),
        ["broken multipart"] = () => EventsApi.Raw("--b\r\nContent-Disposition: form-data; name=\"na", "multipart/form-data; boundary=b"),
        ["binary as CSV"] = () => EventsApi.Raw([0x50, 0x4B, 0x03, 0x04, 0x00, 0xFF, 0xFE, 0x00], "text/csv"),
        ["a charset nobody speaks"] = () => EventsApi.Raw("{}", "application/json; charset=ebcdic-cp-us"),
        ["no content type"] = () => { var content = new ByteArrayContent("{\"a\":1}"u8.ToArray()); content.Headers.ContentType = null; return content; },
    };

    /// <summary>Query strings no route expects, sent with each body.</summary>
    private static readonly string[] Queries = ["", "?token=%00%FF%FE&format=%ZZ&email=%C3%28&campaign=" + new string('c', 4_000), "?token=&token=x&message=%00&invitation=..%2F..%2F"];

    public static TheoryData<string> Routes => [.. Contract.OpenApiRoutesTests.HttpFunctions().Select(f => f.Route).Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public void TheDrillCoversAtLeast300CasesOverEveryRoute() =>
        Assert.True(Routes.Count * Bodies.Count * Queries.Length >= 300, $"{Routes.Count} routes × {Bodies.Count} bodies × {Queries.Length} queries");

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task NoHostileRequestGetsA5xxOrWritesAnything(string route)
    {
        var scene = await SceneAsync();
        var (method, template) = (route[..route.IndexOf(' ', StringComparison.Ordinal)], route[(route.IndexOf(' ', StringComparison.Ordinal) + 2)..]);
        var path = Fill(template, scene);
        var keyed = Contract.OpenApiRoutesTests.HttpFunctions().First(f => f.Route == route).Level != AuthorizationLevel.Anonymous;
        var before = await StorageScan.AllAsync(fixture.App);

        var failures = new List<string>();
        foreach (var (name, body) in Bodies)
        {
            foreach (var query in Queries)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), path + query) { Content = body() };
                using var response = await (keyed ? fixture.App.KeyedClient : fixture.App.Client).SendAsync(request);
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{name} {query[..Math.Min(query.Length, 40)]}: {(int)response.StatusCode}");
                }
            }
        }

        await Settle.EmailsAsync(fixture.App);
        Assert.True(failures.Count == 0, $"{route} answered 5xx:\n{string.Join('\n', failures)}");
        Assert.Equal(before, await StorageScan.AllAsync(fixture.App));
    }

    /// <summary>A published event with one person registered: the routes that name an event name a real one.</summary>
    private sealed record Scene(string Id, string Slug);

    private async Task<Scene> SceneAsync()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody());
        var (id, slug) = (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));
        await Settle.EmailsAsync(fixture.App);
        return new Scene(id, slug);
    }

    /// <summary>Real ids for the event; junk for anything that would act for a person (tokens, registrations, campaigns).</summary>
    private static string Fill(string template, Scene scene) =>
        Regex.Replace(template, @"\{(\w+)\}", match => match.Groups[1].Value switch
        {
            "id" => scene.Id,
            "slug" => scene.Slug,
            _ => "not-a-real-" + match.Groups[1].Value,
        }).TrimStart('/');
}
