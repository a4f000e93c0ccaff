using GoodThings.LocalRunner.Hosting;

namespace GoodThings.TestSupport;

/// <summary>
/// One Azurite for the whole test process: the developer's running one when it listens on the default ports,
/// otherwise a private in-memory emulator on free ports, killed when the process exits. Tests isolate
/// themselves by storage prefix, never by emptying shared tables.
/// </summary>
public static class SharedAzurite
{
    private static readonly Lazy<Task<Azurite>> Instance = new(StartAsync);

    public static Task<Azurite> GetAsync() => Instance.Value;

    public static async Task<string> ConnectionStringAsync() => (await GetAsync()).ConnectionString;

    private static async Task<Azurite> StartAsync()
    {
        var azurite = await Azurite.EnsureRunningInMemoryAsync();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return azurite;
    }
}
