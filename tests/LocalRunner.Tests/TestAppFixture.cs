using Microsoft.Extensions.DependencyInjection;

namespace GoodThings.LocalRunner.Tests;

/// <summary>The test functions hosted by the runner against Azurite, with their own queues.</summary>
public class TestAppFixture : IAsyncLifetime
{
    public InvocationLog Log { get; } = new();

    public string WorkQueue { get; } = $"work-{StoragePrefix.New()}";

    public string RawQueue { get; } = $"raw-{StoragePrefix.New()}";

    public string HoldQueue { get; } = $"hold-{StoragePrefix.New()}";

    public FunctionsApp App { get; private set; } = null!;

    /// <summary>The timer fires yearly unless a fixture wants it busy.</summary>
    protected virtual string TickSchedule => "0 0 0 1 1 *";

    protected virtual string HostJson => "TestApp/host.json";

    /// <summary>The runner's clock; real unless a fixture moves it itself.</summary>
    protected virtual TimeProvider Time => TimeProvider.System;

    /// <summary>Runner settings a fixture adds.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        var settings = new Dictionary<string, string?>(Settings)
        {
            ["TickSchedule"] = TickSchedule,
            ["WorkQueue"] = WorkQueue,
            ["RawQueue"] = RawQueue,
            ["HoldQueue"] = HoldQueue,
        };
        App = await FunctionsApp.StartAsync(
            [typeof(RoutingFunctions).Assembly],
            (services, _) => services.AddSingleton(Log).AddSingleton(Time),
            settings,
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

/// <summary>The yearly timer on a clock the test moves, starting in March: its next run is ten months off.</summary>
public sealed class YearlyTimerOnAFakeClockFixture : TestAppFixture
{
    public Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    protected override TimeProvider Time => Clock;
}

public sealed class ShortQueueLeaseFixture : TestAppFixture
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(1);

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        [QueueTriggers.LeaseSetting] = "00:00:01",
    };
}
