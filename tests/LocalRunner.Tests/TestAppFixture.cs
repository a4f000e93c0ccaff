using Microsoft.Extensions.DependencyInjection;

namespace GoodThings.LocalRunner.Tests;

/// <summary>The test functions hosted by the runner against Azurite, with their own queues.</summary>
public class TestAppFixture : IAsyncLifetime
{
    public InvocationLog Log { get; } = new();

    public string WorkQueue { get; } = $"work-{StoragePrefix.New()}";

    public string RawQueue { get; } = $"raw-{StoragePrefix.New()}";

    public FunctionsApp App { get; private set; } = null!;

    /// <summary>The timer fires yearly unless a fixture wants it busy.</summary>
    protected virtual string TickSchedule => "0 0 0 1 1 *";

    protected virtual string HostJson => "TestApp/host.json";

    public async Task InitializeAsync()
    {
        App = await FunctionsApp.StartAsync(
            [typeof(RoutingFunctions).Assembly],
            (services, _) => services.AddSingleton(Log).AddSingleton(TimeProvider.System),
            new Dictionary<string, string?>
            {
                ["TickSchedule"] = TickSchedule,
                ["WorkQueue"] = WorkQueue,
                ["RawQueue"] = RawQueue,
            },
            Path.Combine(AppContext.BaseDirectory, HostJson));
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}

public sealed class ApiPrefixFixture : TestAppFixture
{
    protected override string HostJson => "TestApp/host.api-prefix.json";
}

public sealed class EverySecondTimerFixture : TestAppFixture
{
    protected override string TickSchedule => "*/1 * * * * *";
}
