namespace GoodThings.Web;

/// <summary>The app with its storage unreachable: nothing is there to answer on port 1.</summary>
public sealed class StorageDownAppFixture : GoodThingsAppFixture
{
    private const string Unreachable = "http://127.0.0.1:1/devstoreaccount1";

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["AzureWebJobsStorage"] =
            "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint={Unreachable};QueueEndpoint={Unreachable};TableEndpoint={Unreachable};",
    };
}

/// <summary>
/// Storage that is down is a passing trouble: every kind of route answers 503 with <c>Retry-After</c> (problem details
/// for the API, a page for people), never a 500 and never a stack trace.
/// </summary>
public sealed class StorageUnavailableTests(StorageDownAppFixture fixture) : IClassFixture<StorageDownAppFixture>
{
    public static TheoryData<string, string, bool> Routes => new()
    {
        { "GET", "api/events", false },
        { "POST", "api/events/some-event/registrations", false },
        { "GET", "api/manage/events", true },
        { "POST", "api/manage/events/0123456789abcdef0123456789abcdef/invitations", true },
        { "GET", "", false },
        { "GET", "events/some-event", false },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task EveryRouteAnswers503WithRetryAfterWhenStorageIsDown(string method, string path, bool keyed)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = EventsApi.Raw(path.Contains("invitations", StringComparison.Ordinal)
                ? """{"invitees": [{"name": "Ada", "email": "ada@example.test"}]}"""
                : """{"name": "Ada", "email": "ada@example.test"}""");
        }

        var response = await (keyed ? fixture.App.KeyedClient : fixture.App.Client).SendAsync(request);

        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{method} /{path} answered {(int)response.StatusCode}: {body}");
        Assert.Equal(TimeSpan.FromSeconds(StorageUnavailable.RetryAfterSeconds), response.Headers.RetryAfter?.Delta);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        if (path.StartsWith("api/", StringComparison.Ordinal))
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("/problems/storage-unavailable", JsonDocument.Parse(body).RootElement.GetProperty("type").GetString());
        }
        else
        {
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("try again", body, StringComparison.OrdinalIgnoreCase);
        }
    }
}
