using GoodThings.CheckIn;
using GoodThings.Configuration;
using GoodThings.Health;
using GoodThings.Idempotency;
using GoodThings.OrganiserConsole;
using GoodThings.Scheduling;
using GoodThings.Telemetry;
using Microsoft.Extensions.Configuration;

namespace GoodThings;

/// <summary>The one composition of the app, shared by the Functions host and the local runner.</summary>
public static class GoodThingsServiceCollectionExtensions
{
    public static IServiceCollection AddGoodThings(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddKeyVaultReferenceCheck();
        services.AddSiteOptions();
        services.AddTokens();
        services.AddStorage(configuration);
        services.AddEmail();
        services.AddEvents();
        services.AddRegistrations();
        services.AddSubscriptions();
        services.AddCampaigns();
        services.AddInvitations();
        services.AddCheckIn();
        services.AddScheduling();
        services.AddIdempotencyKeys();
        services.AddAudit();
        services.AddConsole();
        services.AddSingleton<StorageHealthCheck>();
        services.AddStorageUnavailableAnswers();
        services.AddTelemetry(configuration);
        return services;
    }
}
