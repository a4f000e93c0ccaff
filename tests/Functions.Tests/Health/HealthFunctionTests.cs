
namespace GoodThings.Health;

public sealed class HealthFunctionTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    [Fact]
    public async Task HealthIsOkWhenTableStorageAnswers()
    {
        var response = await fixture.App.Client.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }
}

public sealed class UnreachableStorageFixture : GoodThingsAppFixture
{
    // Port 9 (discard) on loopback: nothing listens, so every storage call is refused.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + LocalRunner.Hosting.Azurite.AccountKey +
            ";BlobEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;",
    };
}

public sealed class HealthWithoutStorageTests(UnreachableStorageFixture fixture) : IClassFixture<UnreachableStorageFixture>
{
    [Fact]
    public async Task HealthIs503ProblemWhenTableStorageDoesNotAnswer()
    {
        var response = await fixture.App.Client.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(503, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
    }
}
