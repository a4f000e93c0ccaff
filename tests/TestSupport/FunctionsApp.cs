using System.Net;
using System.Net.Sockets;
using System.Reflection;
using GoodThings.LocalRunner.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoodThings.TestSupport;

/// <summary>
/// A Functions app running in-process through the local runner on a free loopback port, against the shared
/// Azurite with its own storage prefix.
/// </summary>
public sealed class FunctionsApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FunctionsApp(WebApplication app, Uri baseAddress, string functionKey, string storagePrefix)
    {
        _app = app;
        BaseAddress = baseAddress;
        FunctionKey = functionKey;
        StoragePrefix = storagePrefix;
        Client = new HttpClient { BaseAddress = baseAddress };
        KeyedClient = new HttpClient { BaseAddress = baseAddress, DefaultRequestHeaders = { { FunctionKeys.Header, functionKey } } };
    }

    public Uri BaseAddress { get; }

    public string FunctionKey { get; }

    public string StoragePrefix { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>A client without a function key, as the public sees the app.</summary>
    public HttpClient Client { get; }

    /// <summary>A client that sends the function key, as an organiser's tools do.</summary>
    public HttpClient KeyedClient { get; }

    public IConfiguration Configuration => _app.Configuration;

    /// <param name="assemblies">The function assemblies to host.</param>
    /// <param name="compose">The app's composition (its AddXxx calls) given the final configuration.</param>
    /// <param name="settings">Settings on top of the harness's own (storage, prefix, key, base URL).</param>
    /// <param name="hostJsonPath">host.json to honour; the one beside the first assembly by default.</param>
    public static async Task<FunctionsApp> StartAsync(
        IReadOnlyList<Assembly> assemblies,
        Action<IServiceCollection, IConfiguration> compose,
        IReadOnlyDictionary<string, string?>? settings = null,
        string? hostJsonPath = null)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var prefix = TestSupport.StoragePrefix.New();
        const string functionKey = "test-function-key-0123456789";
        var builder = FunctionsRunner.CreateBuilder(
            [$"--urls={baseAddress.AbsoluteUri.TrimEnd('/')}"],
            new FunctionsRunnerOptions { FunctionAssemblies = assemblies, HostJsonPath = hostJsonPath, LoadLocalSettings = false });

        var harness = new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = await SharedAzurite.ConnectionStringAsync(),
            ["AzureFunctionsWebHost:hostid"] = prefix,
            ["Storage:Prefix"] = prefix,
            ["Site:BaseUrl"] = baseAddress.AbsoluteUri.TrimEnd('/'),
            ["Tokens:SigningKey"] = "test-signing-key-that-is-long-enough-0123456789",
            [FunctionKeys.Setting] = functionKey,
            // Yearly: tests run the timer functions themselves, when they mean to.
            ["Timers:Schedule"] = "0 0 0 1 1 *",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            harness[key] = value;
        }

        // The triggers' flat copies (StoragePrefix, TimersSchedule) follow the nested settings unless a test sets them.
        harness.TryAdd("StoragePrefix", harness.GetValueOrDefault("Storage:Prefix"));
        harness.TryAdd("TimersSchedule", harness.GetValueOrDefault("Timers:Schedule"));

        builder.Configuration.AddInMemoryCollection(harness);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        compose(builder.Services, builder.Configuration);

        var app = FunctionsRunner.Build(builder);
        await app.StartAsync();
        return new FunctionsApp(app, baseAddress, functionKey, prefix);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        KeyedClient.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
