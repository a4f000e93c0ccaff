using Microsoft.Extensions.Configuration;

namespace GoodThings.Storage;

internal static class StorageRegistration
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.Section).ValidateDataAnnotations()
            .Validate(options => StorageOptions.AgreesWithTriggerSetting(options, configuration), StorageOptions.DisagreementMessage)
            .ValidateOnStart();
        services.AddSingleton(_ => StorageConnection.CreateTableServiceClient(configuration));
        services.AddSingleton(_ => StorageConnection.CreateQueueServiceClient(configuration));
        services.AddSingleton<Tables>();
        services.AddSingleton<Queues>();
        return services;
    }
}
