using GoodThings.Configuration;
using GoodThings.Email;
using GoodThings.Events;
using GoodThings.Health;
using GoodThings.Registrations;
using GoodThings.Site;
using GoodThings.Storage;
using GoodThings.Subscriptions;
using GoodThings.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

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
        services.AddSingleton<StorageHealthCheck>();
        return services;
    }
}
