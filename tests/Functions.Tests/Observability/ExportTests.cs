using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using GoodThings.Telemetry;
using Microsoft.Extensions.Configuration;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace GoodThings.Observability;

/// <summary>
/// Export is on with <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> and off without it. The app's composition is built as
/// the hosts build it, and the providers it makes are asked what they listen to: a source or meter named like the
/// app's own (<c>GoodThings.*</c>, as another feature may add) and one named otherwise.
/// </summary>
public sealed class ExportTests
{
    // Loopback, port 1: nothing there, so nothing could leave the machine even if the exporter tried.
    private const string ConnectionString =
        "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:1/;LiveEndpoint=http://127.0.0.1:1/";

    [Fact]
    public void WithoutTheConnectionStringNothingIsExported()
    {
        using var services = Compose(new Dictionary<string, string?>());

        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetService<MeterProvider>());
    }

    [Fact]
    public void WithTheConnectionStringTheAppsSourcesAndMetersGoToAzureMonitorAsTheManagedIdentity()
    {
        using var services = Compose(new Dictionary<string, string?>
        {
            [TelemetryRegistration.ConnectionStringSetting] = ConnectionString,
            [TelemetryRegistration.AuthenticationStringSetting] = "Authorization=AAD;ClientId=11111111-2222-3333-4444-555555555555",
        });

        var exporter = services.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.Equal(ConnectionString, exporter.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(exporter.Credential);

        Assert.NotNull(services.GetService<TracerProvider>());
        var probe = $"Probe{Guid.NewGuid():N}";
        using var featureSource = new ActivitySource($"{AppTelemetry.Name}.{probe}");
        using var otherSource = new ActivitySource($"Other.{probe}");
        Assert.True(featureSource.HasListeners());
        Assert.False(otherSource.HasListeners());

        Assert.NotNull(services.GetService<MeterProvider>());
        using var featureMeter = new Meter($"{AppTelemetry.Name}.{probe}");
        using var otherMeter = new Meter($"Other.{probe}");
        Assert.True(featureMeter.CreateCounter<long>("probe").Enabled);
        Assert.False(otherMeter.CreateCounter<long>("probe").Enabled);
    }

    [Theory]
    [InlineData("Authorization=AAD;ClientId=11111111-2222-3333-4444-555555555555")]
    [InlineData("ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD")]
    [InlineData("Authorization=AAD")]
    public void TheAuthenticationStringNamesAManagedIdentity(string authenticationString) =>
        Assert.IsType<ManagedIdentityCredential>(TelemetryRegistration.Credential(authenticationString));

    [Fact]
    public void WithoutAnAuthenticationStringTheExporterHasNoCredential() =>
        Assert.Null(TelemetryRegistration.Credential(null));

    [Theory]
    [InlineData("Authorization=Key")]
    [InlineData("ClientId=abc")]
    [InlineData("Authorization")]
    public void AnAuthenticationStringThatIsNotEntraStopsTheAppNamingTheSetting(string authenticationString) =>
        Assert.Contains(TelemetryRegistration.AuthenticationStringSetting, Assert.Throws<InvalidOperationException>(() => TelemetryRegistration.Credential(authenticationString)).Message);

    private static ServiceProvider Compose(Dictionary<string, string?> settings)
    {
        settings["AzureWebJobsStorage"] = "UseDevelopmentStorage=true";
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddGoodThings(configuration);
        // No files under the user's profile for retries that will never be needed.
        services.Configure<AzureMonitorExporterOptions>(exporter => exporter.DisableOfflineStorage = true);
        return services.BuildServiceProvider();
    }
}
