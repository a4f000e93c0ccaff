
namespace GoodThings.Web;

/// <summary>
/// What the bad input tests share: an event with two people to run each case against, builders for the cases, and
/// the check that a case gets a 4xx problem (never a 5xx) and leaves the events, the registrations and the outbox
/// as they were: nothing stored, nobody emailed.
/// </summary>
internal static class BadInput
{
    public const string RegistrationsRoute = "api/events/{slug}/registrations";
    public const string EventsRoute = "api/manage/events";
    public const string EventRoute = "api/manage/events/{id}";

    /// <summary>The event a case runs against: published, hybrid, with two confirmed people (Ada and Grace).</summary>
    public sealed record Scene(string Id, string Slug, string Ada, string Grace)
    {
        public string Newcomer => EventsApi.Address("newcomer", Id);
    }

    /// <param name="Keyed">Sent with the function key (management routes).</param>
    /// <param name="Arrange">Extra set-up before the "before" snapshot is taken.</param>
    public sealed record Case(
        HttpMethod Method, string Route, Func<Scene, HttpContent?> Body, int Status, string? Field = null, bool Keyed = false, Func<GoodThingsAppFixture, Scene, Task>? Arrange = null);

    public static async Task AssertProblemAndNothingChangedAsync(GoodThingsAppFixture fixture, Case @case)
    {
        var scene = await SceneAsync(fixture);
        if (@case.Arrange is { } arrange)
        {
            await arrange(fixture, scene);
        }

        var emailsBefore = await SettledEmailCountAsync(fixture, scene.Id);
        var before = await EventsApi.SnapshotAsync(fixture.App, scene.Id);

        var response = await (@case.Keyed ? fixture.App.KeyedClient : fixture.App.Client).SendAsync(
            new HttpRequestMessage(@case.Method, Fill(@case.Route, scene)) { Content = @case.Body(scene) });

        await EventsApi.AssertProblemAsync(response, @case.Status, @case.Field);
        Assert.Equal(before, await EventsApi.SnapshotAsync(fixture.App, scene.Id));
        await Settle.EmailsAsync(fixture.App);
        Assert.Equal(emailsBefore, fixture.SendGrid.Calls.ForEvent(scene.Id).Count);
    }

    public static async Task<Scene> SceneAsync(GoodThingsAppFixture fixture)
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(format: "hybrid"));
        var id = created.GetProperty("id").GetString()!;
        var slug = created.GetProperty("slug").GetString()!;
        var ada = await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));
        var grace = await EventsApi.RegisteredAsync(fixture.App, slug, "Grace", EventsApi.Address("grace", id));
        await fixture.SendGrid.WaitForAcceptedAsync(2, where: c => c.Recipients.Any(r => r.Contains(id, StringComparison.Ordinal)));
        return new Scene(id, slug, ada.GetProperty("registrationId").GetString()!, grace.GetProperty("registrationId").GetString()!);
    }

    /// <summary>The number of emails sent to the event's people once no more are on their way.</summary>
    private static async Task<int> SettledEmailCountAsync(GoodThingsAppFixture fixture, string eventId)
    {
        await Settle.EmailsAsync(fixture.App);
        return fixture.SendGrid.Calls.ForEvent(eventId).Count;
    }

    public static async Task CancelEventAsync(GoodThingsAppFixture fixture, Scene scene)
    {
        var cancelled = await fixture.App.KeyedClient.PostAsJsonAsync($"api/manage/events/{scene.Id}/cancel", new { reason = "The speaker is ill" });
        cancelled.EnsureSuccessStatusCode();
        await EventsApi.EmailsForEventAsync(fixture, scene.Id, 2, GoodThings.Events.EventFanOut.Cancelled);
    }

    public static string Fill(string route, Scene scene) => route
        .Replace("{id}", scene.Id, StringComparison.Ordinal)
        .Replace("{slug}", scene.Slug, StringComparison.Ordinal)
        .Replace("{SLUG}", scene.Slug.ToUpperInvariant(), StringComparison.Ordinal)
        .Replace("{ada}", scene.Ada, StringComparison.Ordinal);


    public static Case Register(Func<Scene, HttpContent?> body, string? field = null) => new(HttpMethod.Post, RegistrationsRoute, body, 400, field);

    public static Case Register(string raw) => Register(_ => Raw(raw));

    public static Case Create(Func<Scene, HttpContent?> body, string? field = null) => new(HttpMethod.Post, EventsRoute, body, 400, field, Keyed: true);

    public static Case Create(string raw) => Create(_ => Raw(raw));

    public static Case Patch(Func<Scene, HttpContent?> body, string? field = null) => new(HttpMethod.Patch, EventRoute, body, 400, field, Keyed: true);

    public static Case Message(Func<Scene, HttpContent?> body, string? field = null) => new(HttpMethod.Post, "api/manage/events/{id}/messages", body, 400, field, Keyed: true);

    public static Dictionary<string, object?> RegistrationBody(Scene scene, Action<Dictionary<string, object?>>? change = null)
    {
        var body = new Dictionary<string, object?> { ["name"] = "Newcomer", ["email"] = scene.Newcomer };
        change?.Invoke(body);
        return body;
    }

    public static Dictionary<string, object?> EventBody(Action<Dictionary<string, object?>> change, string format = "hybrid")
    {
        var body = EventsApi.EventBody(format: format);
        change(body);
        return body;
    }

    public static Dictionary<string, object?> EventBody() => EventBody(_ => { });

    public static string JsonText(object body) => JsonSerializer.Serialize(body);

    public static ByteArrayContent JsonBody(object body, string contentType = "application/json") => EventsApi.Raw(JsonText(body), contentType);

    public static ByteArrayContent Raw(string body, string contentType = "application/json") => EventsApi.Raw(body, contentType);

    public static ByteArrayContent Raw(byte[] body) => EventsApi.Raw(body);

    /// <summary>A registration body of exactly <paramref name="bytes"/> bytes, padded in accessibilityNeeds.</summary>
    public static string PaddedTo(int bytes, Scene scene)
    {
        var empty = JsonText(RegistrationBody(scene, b => b["accessibilityNeeds"] = ""));
        var body = JsonText(RegistrationBody(scene, b => b["accessibilityNeeds"] = new string('a', bytes - Encoding.UTF8.GetByteCount(empty))));
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(body));
        return body;
    }

    public static ByteArrayContent NoContentType(string body) => new(Encoding.UTF8.GetBytes(body));

    /// <summary>Sent without a Content-Length, so the size is only known by reading.</summary>
    public static StreamContent Chunked(string body)
    {
        var content = new StreamContent(new NonSeekableStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
