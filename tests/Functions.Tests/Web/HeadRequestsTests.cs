using System.Net.Sockets;
using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace GoodThings.Web;

/// <summary>
/// HEAD wherever GET works (link checkers and uptime monitors send it): every GET route, read from the functions' own
/// attributes so a new one is held to it the day it lands, answers HEAD with GET's status and headers and no body.
/// </summary>
public sealed class HeadRequestsTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    /// <summary>Headers that describe one transfer rather than the answer.</summary>
    private static readonly HashSet<string> PerTransfer = new(StringComparer.OrdinalIgnoreCase) { "Date", "Content-Length", "Transfer-Encoding" };

    /// <summary>Every HTTP trigger that takes GET: its route template as OpenAPI writes it, and whether it needs the key.</summary>
    private static IReadOnlyList<(string Path, HttpTriggerAttribute Trigger)> GetTriggers() =>
    [
        .. from type in typeof(GoodThingsServiceCollectionExtensions).Assembly.GetTypes()
           from method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
           where method.GetCustomAttribute<FunctionAttribute>() is not null
           from parameter in method.GetParameters()
           let trigger = parameter.GetCustomAttribute<HttpTriggerAttribute>()
           where trigger?.Methods?.Contains("get", StringComparer.OrdinalIgnoreCase) == true
           select (Contract.OpenApiRoutesTests.OpenApiPath(trigger.Route!), trigger),
    ];

    public static TheoryData<string> GetRoutes => [.. GetTriggers().Select(t => t.Path).Order(StringComparer.Ordinal)];

    [Fact]
    public void EveryGetTriggerAlsoTakesHead()
    {
        var triggers = GetTriggers();

        Assert.True(triggers.Count >= 20, $"only {triggers.Count} GET routes found");
        var missing = triggers.Where(t => !t.Trigger.Methods!.Contains("head", StringComparer.OrdinalIgnoreCase)).Select(t => t.Path).ToList();
        Assert.True(missing.Count == 0, $"GET routes without HEAD (add \"head\" to the trigger's methods): {string.Join(", ", missing)}");
    }

    [Theory]
    [MemberData(nameof(GetRoutes))]
    public async Task HeadAnswersAsGetDoesWithoutABody(string route)
    {
        var (id, slug) = await SceneAsync();
        var trigger = GetTriggers().First(t => t.Path == route).Trigger;
        var path = Regex.Replace(route, @"\{(\w+)\}", match => match.Groups[1].Value switch
        {
            "id" => id,
            "slug" => slug,
            _ => "not-a-real-" + match.Groups[1].Value,
        }).TrimStart('/');
        var client = trigger.AuthLevel == AuthorizationLevel.Anonymous ? fixture.App.Client : fixture.App.KeyedClient;

        var get = await client.GetAsync(path);
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(Headers(get), Headers(head));
        if (trigger.AuthLevel != AuthorizationLevel.Anonymous)
        {
            var unkeyed = await fixture.App.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));
            Assert.Equal(HttpStatusCode.Unauthorized, unkeyed.StatusCode);
        }
    }

    /// <summary>
    /// On the wire, not through HttpClient (which reads no body after a HEAD whatever is sent): a HEAD answer ends with
    /// its headers, so the answer to a GET pipelined behind it starts straight after them.
    /// </summary>
    [Fact]
    public async Task NoBodyBytesFollowAHeadAnswerOnTheWire()
    {
        var (_, slug) = await SceneAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(fixture.App.BaseAddress.Host, fixture.App.BaseAddress.Port);
        var stream = tcp.GetStream();
        var host = fixture.App.BaseAddress.Authority;

        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"HEAD /events/{slug} HTTP/1.1\r\nHost: {host}\r\n\r\n" +
            $"HEAD /api/events HTTP/1.1\r\nHost: {host}\r\n\r\n" +
            $"GET /assets/site.css HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var wire = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));

        var answers = wire.Split("\r\n\r\n");
        Assert.StartsWith("HTTP/1.1 200", answers[0], StringComparison.Ordinal);
        Assert.Contains("Content-Type: text/html", answers[0], StringComparison.OrdinalIgnoreCase);
        Assert.Matches("(?im)^Content-Length: [1-9][0-9]*\r?$", answers[0]);
        Assert.StartsWith("HTTP/1.1 200", answers[1], StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/json", answers[1], StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("HTTP/1.1 200", answers[2], StringComparison.Ordinal);
        Assert.Contains("Content-Type: text/css", answers[2], StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A published event with one person registered, so the routes that name an event name a real one.</summary>
    private async Task<(string Id, string Slug)> SceneAsync()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody());
        var (id, slug) = (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));
        return (id, slug);
    }

    private static SortedDictionary<string, string> Headers(HttpResponseMessage response) =>
        new(response.Headers.Concat(response.Content.Headers)
                .Where(header => !PerTransfer.Contains(header.Key))
                .ToDictionary(header => header.Key, header => string.Join(", ", header.Value), StringComparer.OrdinalIgnoreCase),
            StringComparer.OrdinalIgnoreCase);
}
