using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace GoodThings.TestSupport;

/// <summary>
/// The whole GoodThings app through the local runner: its real functions and composition, the shared Azurite
/// under a fresh storage prefix, and a fake SendGrid API for the real SendGrid SDK to call.
/// </summary>
public class GoodThingsAppFixture : IAsyncLifetime
{
    public FunctionsApp App { get; private set; } = null!;

    public FakeSendGrid SendGrid { get; private set; } = null!;

    /// <summary>Settings a fixture adds on top of the harness's own.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Services a fixture adds after the app's own composition (test composers, a fake clock).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Queue settings a fixture changes in host.json (say, one message at a time).</summary>
    protected virtual void ConfigureQueues(JsonNode queues)
    {
    }

    public virtual async Task InitializeAsync()
    {
        SendGrid = await FakeSendGrid.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["SendGrid:ApiKey"] = "SG.fake-key-for-tests",
            ["SendGrid:Host"] = SendGrid.Host,
            ["Email:From"] = "events@goodthings.test",
            ["Email:FromName"] = "How to make good things happen",
            ["Email:ReplyTo"] = "team@goodthings.test",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        App = await FunctionsApp.StartAsync(
            [typeof(GoodThingsServiceCollectionExtensions).Assembly],
            (services, configuration) =>
            {
                services.AddGoodThings(configuration);
                ConfigureServices(services);
            },
            settings,
            FastRetryHostJson());
    }

    /// <summary>
    /// The app's own host.json with retries made quick (visibility timeout and polling interval), so a test
    /// sees a message retried up to the real <c>maxDequeueCount</c> within seconds.
    /// </summary>
    private string FastRetryHostJson()
    {
        var hostJson = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "host.json")))!;
        var queues = hostJson["extensions"]!["queues"]!;
        queues["visibilityTimeout"] = "00:00:00.200";
        queues["maxPollingInterval"] = "00:00:00.200";
        ConfigureQueues(queues);
        var path = Path.Combine(Path.GetTempPath(), $"goodthings-host-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, hostJson.ToJsonString());
        return path;
    }

    public virtual async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await SendGrid.DisposeAsync();
    }
}
