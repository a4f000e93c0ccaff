using System.Reflection;
using System.Text.Json;
using GoodThings.Storage;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration.Memory;

namespace GoodThings.LocalRunner.Hosting;

public sealed class FunctionsRunnerOptions
{
    /// <summary>The assemblies whose <c>[Function]</c> methods are hosted.</summary>
    public required IReadOnlyList<Assembly> FunctionAssemblies { get; init; }

    /// <summary>host.json to honour; by default the one beside the first function assembly.</summary>
    public string? HostJsonPath { get; init; }

    /// <summary>
    /// Load the <c>Values</c> of local.settings.json (or the committed local.settings.example.json) beside the
    /// function assembly, as Core Tools does; tests turn this off and pass their own settings.
    /// </summary>
    public bool LoadLocalSettings { get; init; } = true;
}

/// <summary>
/// Hosts a Functions app's own function classes on Kestrel where Azure Functions Core Tools are absent:
/// HTTP, timer and queue triggers discovered from their attributes, with the app's usual composition.
/// </summary>
public static class FunctionsRunner
{
    // Core Tools reads local.settings.json; the committed example stands in until a developer makes one.
    private static readonly string[] LocalSettingsFiles = ["local.settings.json", "local.settings.example.json"];

    /// <summary>
    /// A web application builder configured like the isolated worker's host (configuration sources, logging,
    /// MVC for <c>IActionResult</c>) plus the runner's trigger services. Add the app's composition, then
    /// <see cref="Build"/>.
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, FunctionsRunnerOptions options)
    {
        var functionsDirectory = Path.GetDirectoryName(options.FunctionAssemblies[0].Location)!;
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = functionsDirectory,
            EnvironmentName = Environment.GetEnvironmentVariable("AZURE_FUNCTIONS_ENVIRONMENT")
                              ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
                              ?? Environments.Development,
        });

        if (options.LoadLocalSettings)
        {
            AddLocalSettings(builder.Configuration, functionsDirectory);
        }

        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls("http://localhost:7071");
        }

        var hostJson = HostJson.Load(options.HostJsonPath ?? Path.Combine(functionsDirectory, "host.json"));
        if (hostJson.DefaultLogLevel is { } level)
        {
            builder.Logging.SetMinimumLevel(Enum.Parse<LogLevel>(level, ignoreCase: true));
        }

        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Azure.Core", LogLevel.Warning);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });

        var services = builder.Services;
        services.AddSingleton(hostJson);
        services.AddSingleton(FunctionCatalog.Discover(options.FunctionAssemblies));
        services.AddSingleton(provider => new FunctionKeys(provider.GetRequiredService<IConfiguration>()[FunctionKeys.Setting]));
        // The worker's ASP.NET Core integration registers MVC to execute IActionResult; so do we.
        services.AddMvc();
        // The worker deserialises POCO trigger payloads case-insensitively.
        services.Configure<JsonSerializerOptions>(json => json.PropertyNameCaseInsensitive = true);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new TimerStatusStore(
            StorageConnection.CreateTableServiceClient(provider.GetRequiredService<IConfiguration>()),
            provider.GetRequiredService<IConfiguration>()["AzureFunctionsWebHost:hostid"] ?? "localrunner"));
        services.AddHostedService<TimerTriggers>();
        services.AddHostedService<QueueTriggers>();
        return builder;
    }

    /// <summary>Builds the application and maps the HTTP-triggered functions.</summary>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.UseRouting();
        app.UseFunctionsHostNotFound();
        app.MapHttpFunctions();
        return app;
    }

    private static void AddLocalSettings(ConfigurationManager configuration, string functionsDirectory)
    {
        var path = LocalSettingsFiles
            .Select(name => Path.Combine(functionsDirectory, name))
            .FirstOrDefault(File.Exists);
        if (path is null)
        {
            return;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        if (!document.RootElement.TryGetProperty("Values", out var values))
        {
            return;
        }

        // Core Tools hands these to the worker as environment variables ("__" meaning ":"); real environment
        // variables and the command line still win, so the source goes in just before them.
        var settings = values.EnumerateObject().ToDictionary(
            p => p.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal),
            p => (string?)p.Value.ToString());
        var index = configuration.Sources.ToList().FindLastIndex(s => s is EnvironmentVariablesConfigurationSource { Prefix: null or "" });
        configuration.Sources.Insert(index < 0 ? configuration.Sources.Count : index, new MemoryConfigurationSource { InitialData = settings });
    }
}
