using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace GoodThings.Storage;

/// <summary>
/// Reads a storage connection the way the Functions host reads <c>AzureWebJobsStorage</c>, so the app's own
/// clients and its triggers always talk to the same account.
/// </summary>
public static class StorageConnection
{
    public static TableServiceClient CreateTableServiceClient(IConfiguration configuration, string connectionName = StorageOptions.ConnectionName)
    {
        var options = new TableClientOptions();
        ConfigureRetry(options.Retry);
        return new TableServiceClient(ConnectionString(configuration, connectionName), options);
    }

    // Base64 by default: what the Functions queue trigger expects (host.json messageEncoding).
    public static QueueServiceClient CreateQueueServiceClient(
        IConfiguration configuration,
        string connectionName = StorageOptions.ConnectionName,
        QueueMessageEncoding encoding = QueueMessageEncoding.Base64)
    {
        var options = new QueueClientOptions { MessageEncoding = encoding };
        ConfigureRetry(options.Retry);
        return new QueueServiceClient(ConnectionString(configuration, connectionName), options);
    }

    private static string ConnectionString(IConfiguration configuration, string connectionName)
    {
        var value = configuration.GetConnectionString(connectionName) is { Length: > 0 } fromConnectionStrings
            ? fromConnectionStrings
            : configuration[connectionName];
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidOperationException(
                $"Setting {connectionName} is required: a storage connection string such as UseDevelopmentStorage=true.");
        }

        return value;
    }

    private static void ConfigureRetry(RetryOptions retry)
    {
        // Fail fast enough that a request, not the SDK's long default back-off, decides what the caller sees.
        retry.MaxRetries = 3;
        retry.Mode = RetryMode.Exponential;
        retry.Delay = TimeSpan.FromMilliseconds(100);
        retry.MaxDelay = TimeSpan.FromSeconds(2);
        retry.NetworkTimeout = TimeSpan.FromSeconds(10);
    }
}
