using GoodThings.Configuration;
using Microsoft.Extensions.Configuration;

namespace GoodThings.Storage;

internal static class StorageRegistration
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations()
            .ValidateTriggerCopy(StorageOptions.TriggerSetting, "Storage:Prefix", options => options.Prefix, "queue triggers")
            .ValidateOnStart();
        services.AddSingleton(_ => StorageConnection.CreateTableServiceClient(configuration));
        services.AddSingleton(_ => StorageConnection.CreateQueueServiceClient(configuration));
        services.AddSingleton<Tables>();
        services.AddSingleton<Queues>();
        services.AddSingleton<ForegroundWork>();
        return services;
    }
}
