using Azure.Core;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using OpenTelemetry;

namespace GoodThings.Telemetry;

/// <summary>
/// Exports the app's traces, metrics and logs to Azure Monitor when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is
/// set, and registers nothing otherwise: locally and in tests no provider samples or buffers anything.
/// </summary>
public static class TelemetryRegistration
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>
    /// How the Functions host authenticates to Application Insights (<c>Authorization=AAD;ClientId=…</c>, written by
    /// infra/modules/functionapp.bicep). Local authentication is off there, so the worker's exporter must present the
    /// same managed identity's token; the exporter does not read this setting itself.
    /// </summary>
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    public static bool IsExported(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[ConnectionStringSetting]);

    /// <returns>The OpenTelemetry builder when exporting (the Functions host adds its worker defaults to it), else null.</returns>
    public static IOpenTelemetryBuilder? AddTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (!IsExported(configuration))
        {
            return null;
        }

        var connectionString = configuration[ConnectionStringSetting]!;
        var credential = Credential(configuration[AuthenticationStringSetting]);
        return services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(AppTelemetry.Names))
            .WithMetrics(metrics => metrics.AddMeter(AppTelemetry.Names))
            .UseAzureMonitorExporter(exporter =>
            {
                exporter.ConnectionString = connectionString;
                exporter.Credential = credential;
            });
    }

    /// <summary>
    /// The credential <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> names: a managed identity, user-assigned when it
    /// has a <c>ClientId</c>; none when the setting is absent (a resource that still accepts its instrumentation key).
    /// </summary>
    internal static TokenCredential? Credential(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }

        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part.Split('=', 2, StringSplitOptions.TrimEntries) is not [var key, var value] || !parts.TryAdd(key, value))
            {
                throw Invalid($"'{part}' is not a single key=value pair");
            }
        }

        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("it must say Authorization=AAD");
        }

        return new ManagedIdentityCredential(parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? ManagedIdentityId.FromUserAssignedClientId(clientId)
            : ManagedIdentityId.SystemAssigned);
    }

    private static InvalidOperationException Invalid(string why) =>
        new($"{AuthenticationStringSetting} is invalid: {why} (for example Authorization=AAD;ClientId=<managed identity client id>).");
}
