
namespace GoodThings.Web;

/// <summary>Every management route, every method: without the function key (or with a wrong one) → 401, empty, nothing changed.</summary>
public sealed class ManagementKeyTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    /// <summary>A published event (Ada confirmed, Grace waitlisted) and a draft.</summary>
    public sealed record Scene(string Id, string DraftId, string Ada, string Campaign);

    private static readonly Dictionary<string, (HttpMethod Method, string Route, string? Body)> Routes = new(StringComparer.Ordinal)
    {
        ["create event"] = (HttpMethod.Post, "api/manage/events", null),
        ["list events"] = (HttpMethod.Get, "api/manage/events", null),
        ["get event"] = (HttpMethod.Get, "api/manage/events/{id}", null),
        ["patch event"] = (HttpMethod.Patch, "api/manage/events/{id}", "{\"capacity\": 2}"),
        ["publish event"] = (HttpMethod.Post, "api/manage/events/{draft}/publish", null),
        ["cancel event"] = (HttpMethod.Post, "api/manage/events/{id}/cancel", "{\"reason\": \"Called off\"}"),
        ["list registrations"] = (HttpMethod.Get, "api/manage/events/{id}/registrations", null),
        ["export registrations"] = (HttpMethod.Get, "api/manage/events/{id}/registrations?format=csv", null),
        ["check in"] = (HttpMethod.Post, "api/manage/events/{id}/registrations/{ada}/check-in", null),
        ["undo check-in"] = (HttpMethod.Delete, "api/manage/events/{id}/registrations/{ada}/check-in", null),
        ["promote"] = (HttpMethod.Post, "api/manage/events/{id}/registrations/{ada}/promote", null),
        ["send message"] = (HttpMethod.Post, "api/manage/events/{id}/messages", "{\"subject\": \"Hello\", \"body\": \"Hi all\", \"audience\": \"all\"}"),
        ["invite"] = (HttpMethod.Post, "api/manage/events/{id}/invitations", "{\"invitees\": [{\"name\": \"Eve\", \"email\": \"eve@example.test\"}]}"),
        ["list invitations"] = (HttpMethod.Get, "api/manage/events/{id}/invitations", null),
        ["remind invitees"] = (HttpMethod.Post, "api/manage/events/{id}/invitations/remind", null),
        ["list subscribers"] = (HttpMethod.Get, "api/manage/subscribers", null),
        ["export a person's data"] = (HttpMethod.Get, "api/manage/subscribers/export?email=ada@example.test", null),
        ["create campaign"] = (HttpMethod.Post, "api/manage/campaigns", "{\"subject\": \"Hello\", \"body\": \"Hi all\"}"),
        ["list campaigns"] = (HttpMethod.Get, "api/manage/campaigns", null),
        ["get campaign"] = (HttpMethod.Get, "api/manage/campaigns/{campaign}", null),
        ["patch campaign"] = (HttpMethod.Patch, "api/manage/campaigns/{campaign}", "{\"subject\": \"Changed\"}"),
        ["test-send campaign"] = (HttpMethod.Post, "api/manage/campaigns/{campaign}/test", "{\"emails\": [\"tester@example.test\"]}"),
        ["send campaign"] = (HttpMethod.Post, "api/manage/campaigns/{campaign}/send", "{}"),
        ["cancel campaign"] = (HttpMethod.Post, "api/manage/campaigns/{campaign}/cancel", null),
        ["erase a person's data"] = (HttpMethod.Post, "api/manage/erasures", "{\"email\": \"ada@example.test\"}"),
        ["read the audit log"] = (HttpMethod.Get, "api/manage/audit", null),
        ["read an event's audit log"] = (HttpMethod.Get, "api/manage/events/{id}/audit", null),
    };

    private static readonly Dictionary<string, Action<HttpRequestMessage, string>> KeyMistakes = new(StringComparer.Ordinal)
    {
        ["no key"] = (_, _) => { },
        ["a wrong key in the header"] = (request, _) => request.Headers.Add("x-functions-key", "wrong-key-0123456789"),
        ["a wrong key in the query"] = (request, _) => request.RequestUri = new Uri(request.RequestUri!.OriginalString + (request.RequestUri.OriginalString.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "code=wrong-key", UriKind.Relative),
        ["the key in upper case"] = (request, key) => request.Headers.Add("x-functions-key", key.ToUpperInvariant()),
        ["the key as a bearer token"] = (request, key) => request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key),
        ["an empty key"] = (request, _) => request.Headers.TryAddWithoutValidation("x-functions-key", ""),
        ["the key in a form body"] = (request, key) => request.Content = new FormUrlEncodedContent([new("code", key), new("x-functions-key", key)]),
        ["the key in a JSON body"] = (request, key) => request.Content = EventsApi.Raw(JsonSerializer.Serialize(new Dictionary<string, string> { ["code"] = key, ["x-functions-key"] = key })),
        ["the key in a cookie"] = (request, key) => request.Headers.TryAddWithoutValidation("Cookie", $"code={key}; x-functions-key={key}"),
        ["the key in another header"] = (request, key) => request.Headers.TryAddWithoutValidation("x-api-key", key),
    };

    public static TheoryData<string, string> Cases
    {
        get
        {
            var cases = new TheoryData<string, string>();
            foreach (var route in Routes.Keys)
            {
                foreach (var mistake in KeyMistakes.Keys)
                {
                    cases.Add(route, mistake);
                }
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task AManagementRouteWithoutTheRightKeyIsUnauthorisedAndChangesNothing(string route, string mistake)
    {
        var scene = await SceneAsync();
        var (method, template, body) = Routes[route];
        var before = await SnapshotAsync(scene);
        var emailsBefore = fixture.SendGrid.Calls.ForEvent(scene.Id).Count;
        var request = new HttpRequestMessage(method, new Uri(Fill(template, scene), UriKind.Relative))
        {
            Content = method == HttpMethod.Get || method == HttpMethod.Delete ? null
                : EventsApi.Raw(body ?? System.Text.Json.JsonSerializer.Serialize(EventsApi.EventBody()), method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json"),
        };
        KeyMistakes[mistake](request, fixture.App.FunctionKey);

        var response = await fixture.App.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(before, await SnapshotAsync(scene));
        await Settle.EmailsAsync(fixture.App);
        Assert.Equal(emailsBefore, fixture.SendGrid.Calls.ForEvent(scene.Id).Count);
        Assert.Empty(fixture.SendGrid.Calls.To("tester@example.test"));
    }

    [Fact]
    public void EveryManagementRouteNeedsTheKeyAndIsInTheTable()
    {
        var triggers = typeof(GoodThingsServiceCollectionExtensions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetParameters())
            .Select(p => p.GetCustomAttributes(typeof(Microsoft.Azure.Functions.Worker.HttpTriggerAttribute), false).OfType<Microsoft.Azure.Functions.Worker.HttpTriggerAttribute>().FirstOrDefault())
            .OfType<Microsoft.Azure.Functions.Worker.HttpTriggerAttribute>()
            .Where(t => t.Route?.StartsWith("api/manage", StringComparison.Ordinal) == true)
            .ToList();
        var covered = Routes.Values.Select(r => (r.Method.Method, Template(r.Route))).ToHashSet();

        Assert.NotEmpty(triggers);
        Assert.All(triggers, t => Assert.Equal(Microsoft.Azure.Functions.Worker.AuthorizationLevel.Function, t.AuthLevel));
        Assert.All(
            // HEAD answers as GET does, the key check included: HeadRequestsTests holds every route to that.
            triggers.SelectMany(t => (t.Methods ?? ["*"]).Where(m => m != "head").Select(m => (Method: m.ToUpperInvariant(), t.Route))),
            route => Assert.True(covered.Contains((route.Method, route.Route!)), $"{route.Method} {route.Route} is not in {nameof(ManagementKeyTests)}.{nameof(Routes)}"));
    }

    [Fact]
    public async Task TheRightKeyInTheQueryOpensAManagementRoute()
    {
        var scene = await SceneAsync();

        var response = await fixture.App.Client.GetAsync($"api/manage/events/{scene.Id}?code={Uri.EscapeDataString(fixture.App.FunctionKey)}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<Scene> SceneAsync()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(capacity: 1));
        var id = created.GetProperty("id").GetString()!;
        var slug = created.GetProperty("slug").GetString()!;
        var ada = await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));
        await EventsApi.RegisteredAsync(fixture.App, slug, "Grace", EventsApi.Address("grace", id));
        var draft = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(), publish: false);
        await fixture.SendGrid.WaitForAcceptedAsync(2, where: c => c.Recipients.Any(r => r.Contains(id, StringComparison.Ordinal)));
        var campaign = await Campaigns.CampaignsApi.CreateAsync(fixture.App, new { subject = "Draft newsletter", body = "Text" });
        return new Scene(id, draft.GetProperty("id").GetString()!, ada.GetProperty("registrationId").GetString()!, campaign);
    }

    private async Task<string> SnapshotAsync(Scene scene) =>
        await EventsApi.SnapshotAsync(fixture.App, scene.Id) + "\n" + await fixture.App.KeyedClient.GetStringAsync("api/manage/campaigns")
        + "\n" + await fixture.App.KeyedClient.GetStringAsync($"api/manage/campaigns/{scene.Campaign}");

    /// <summary>The function's route template for a table route: placeholders named as the functions name them, no query.</summary>
    private static string Template(string route) => route.Split('?')[0]
        .Replace("{draft}", "{id}", StringComparison.Ordinal)
        .Replace("{ada}", "{registrationId}", StringComparison.Ordinal)
        .Replace("{campaign}", "{id}", StringComparison.Ordinal);

    private static string Fill(string route, Scene scene) => route
        .Replace("{id}", scene.Id, StringComparison.Ordinal)
        .Replace("{draft}", scene.DraftId, StringComparison.Ordinal)
        .Replace("{ada}", scene.Ada, StringComparison.Ordinal)
        .Replace("{campaign}", scene.Campaign, StringComparison.Ordinal);
}
