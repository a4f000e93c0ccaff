using Azure.Core;
using Azure.Core.Pipeline;

namespace GoodThings.Storage;

/// <summary>
/// Drops the answer to one chosen storage request after storage has applied it, as a network fault can: the SDK then
/// sends the same request again, and the repeat finds the rows the first one wrote.
/// </summary>
public sealed class LoseOneAnswer : HttpPipelinePolicy
{
    private Func<Request, string, bool>? _armed;

    public int Lost { get; private set; }

    /// <summary>Loses the answer to the next request for which <paramref name="matches"/> (given the request and its body) holds.</summary>
    public void Arm(Func<Request, string, bool> matches)
    {
        Lost = 0;
        _armed = matches;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        throw new NotSupportedException("The app talks to storage asynchronously.");

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        if (_armed is { } matches && matches(message.Request, await BodyAsync(message.Request)) && Interlocked.Exchange(ref _armed, null) is not null)
        {
            Lost++;
            throw new IOException("The answer was lost on its way back.");
        }
    }

    private static async Task<string> BodyAsync(Request request)
    {
        if (request.Content is null)
        {
            return "";
        }

        using var body = new MemoryStream();
        await request.Content.WriteToAsync(body, CancellationToken.None);
        return Encoding.UTF8.GetString(body.ToArray());
    }
}

/// <summary>The whole app, its table client losing one chosen answer when a test says so.</summary>
public sealed class LostAnswerAppFixture : GoodThingsAppFixture
{
    public LoseOneAnswer Loss { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) => services.AddTablePolicy(Loss);
}

/// <summary>Item 4 of the scale-out review: a request whose commit landed but whose answer was lost recognises its own write.</summary>
public sealed class LostAnswerTests(LostAnswerAppFixture fixture) : IClassFixture<LostAnswerAppFixture>
{
    private FunctionsApp App => fixture.App;

    [Fact]
    public async Task ARegistrationWhoseCommitAnswerIsLostIsAnsweredAsCreatedAndEmailedOnce()
    {
        var (id, slug) = await EventAsync();
        var email = EventsApi.Address("lost", id);
        fixture.Loss.Arm((request, body) => IsTransaction(request) && body.Contains(email, StringComparison.Ordinal));

        var response = await EventsApi.RegisterAsync(App, slug, "Lost Answer", email);

        Assert.Equal(1, fixture.Loss.Lost);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("confirmed", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        Assert.Single((await EventsApi.RegistrationsAsync(App, id)).EnumerateArray());
        var emails = await EventsApi.EmailsForEventAsync(fixture, id, 1);
        Assert.Single(emails.To(email));
    }

    [Fact]
    public async Task AnOrganiserMessageWhoseCommitAnswerIsLostIsAcceptedAndSentOnce()
    {
        var (id, slug) = await EventAsync();
        await EventsApi.RegisteredAsync(App, slug, "Ada", EventsApi.Address("ada", id));
        var subject = $"Room change {Guid.NewGuid():N}";
        fixture.Loss.Arm((request, body) => IsTransaction(request) && body.Contains(subject, StringComparison.Ordinal));

        var response = await App.KeyedClient.PostAsJsonAsync($"api/manage/events/{id}/messages", new { subject, body = "We moved to room 2." });

        Assert.Equal(1, fixture.Loss.Lost);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await fixture.SendGrid.WaitForAcceptedAsync(1, where: c => c.Subject() == subject);
        await Settle.EmailsAsync(App);
        Assert.Single(fixture.SendGrid.Accepted, c => c.Subject() == subject);
    }

    [Fact]
    public async Task AnEventWhoseAddAnswerIsLostIsCreatedOnce()
    {
        var body = EventsApi.EventBody();
        var title = (string)body["title"]!;
        fixture.Loss.Arm((request, content) => request.Method == RequestMethod.Post && content.Contains(title, StringComparison.Ordinal) && content.Contains("\"Slug\"", StringComparison.Ordinal));

        var response = await App.KeyedClient.PostAsJsonAsync("api/manage/events", body);

        Assert.Equal(1, fixture.Loss.Lost);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var events = await App.KeyedClient.GetFromJsonAsync<JsonElement>("api/manage/events");
        Assert.Single(events.EnumerateArray(), e => e.GetProperty("title").GetString() == title);
    }

    [Fact]
    public async Task ACampaignWhoseAddAnswerIsLostIsCreatedOnce()
    {
        var subject = $"News {Guid.NewGuid():N}";
        fixture.Loss.Arm((request, content) => request.Method == RequestMethod.Post && content.Contains(subject, StringComparison.Ordinal));

        var response = await App.KeyedClient.PostAsJsonAsync("api/manage/campaigns", new { subject, body = "Hello." });

        Assert.Equal(1, fixture.Loss.Lost);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var campaigns = await App.KeyedClient.GetFromJsonAsync<JsonElement>("api/manage/campaigns");
        Assert.Single(campaigns.EnumerateArray(), c => c.GetProperty("subject").GetString() == subject);
    }

    private static bool IsTransaction(Request request) => request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal);

    private async Task<(string Id, string Slug)> EventAsync()
    {
        var created = await EventsApi.CreateEventAsync(App, EventsApi.EventBody());
        return (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
    }
}
