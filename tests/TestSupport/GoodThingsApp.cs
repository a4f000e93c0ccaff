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

    public async Task InitializeAsync()
    {
        SendGrid = await FakeSendGrid.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["SendGrid:ApiKey"] = "SG.fake-key-for-tests",
            ["SendGrid:Host"] = SendGrid.Host,
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        App = await FunctionsApp.StartAsync(
            [typeof(GoodThingsServiceCollectionExtensions).Assembly],
            (services, configuration) => services.AddGoodThings(configuration),
            settings);
    }

    public async Task DisposeAsync()
    {
        await App.DisposeAsync();
        await SendGrid.DisposeAsync();
    }
}
