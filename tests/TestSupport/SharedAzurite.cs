using GoodThings.LocalRunner.Hosting;

namespace GoodThings.TestSupport;

/// <summary>
/// The Azurite every test in the process shares: the one named by <c>GOODTHINGS_TEST_STORAGE</c> (scripts/test
/// starts a private one and sets it), else one listening on the default ports. Tests never start one: the test
/// host is ended before its exit handlers run, so an emulator it started would outlive the run. (The exception,
/// <see cref="FreezableAzurite"/>, has the kernel kill it with the test host.) Tests isolate themselves by storage
/// prefix, never by emptying shared tables.
/// </summary>
public static class SharedAzurite
{
    public const string Variable = "GOODTHINGS_TEST_STORAGE";

    private static readonly Lazy<Task<string>> Instance = new(FindAsync);

    public static Task<string> ConnectionStringAsync() => Instance.Value;

    private static async Task<string> FindAsync()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var running = await Azurite.FindOnDefaultPortsAsync();
        return running?.ConnectionString ?? throw new InvalidOperationException(
            $"No Azurite for the tests: run them with scripts/test, which starts one, or start one on the default ports " +
            $"(npx azurite --inMemoryPersistence --skipApiVersionCheck --loose --silent), or set {Variable} to a storage connection string.");
    }
}
