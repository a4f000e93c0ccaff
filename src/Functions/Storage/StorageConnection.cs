using System.Collections.Concurrent;
using Azure.Core;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace GoodThings.Storage;

/// <summary>
/// Reads a storage connection the way the Functions host reads <c>AzureWebJobsStorage</c>, so the app's own
/// clients and its triggers always talk to the same account. Either shape works:
/// <list type="bullet">
/// <item>a connection string in <c>AzureWebJobsStorage</c> or <c>ConnectionStrings:AzureWebJobsStorage</c>,
/// such as <c>UseDevelopmentStorage=true</c> for Azurite;</item>
/// <item>identity-based settings under the same name (environment form <c>AzureWebJobsStorage__…</c>):
/// <c>tableServiceUri</c> / <c>queueServiceUri</c>, or <c>accountName</c> for the public cloud's endpoints,
/// with optional <c>credential=managedidentity</c> and <c>clientId</c> (a user-assigned identity). The client then
/// authenticates with a Microsoft Entra token, never an account key.</item>
/// </list>
/// </summary>
public static class StorageConnection
{
    private static readonly ConcurrentDictionary<StorageIdentity, TokenCredential> Credentials = new();

    public static TableServiceClient CreateTableServiceClient(IConfiguration configuration, string connectionName = StorageOptions.ConnectionName) =>
        CreateTableServiceClient(configuration, connectionName, new TableClientOptions(), SharedCredential);

    // Base64 by default: what the Functions queue trigger expects (host.json messageEncoding).
    public static QueueServiceClient CreateQueueServiceClient(
        IConfiguration configuration,
        string connectionName = StorageOptions.ConnectionName,
        QueueMessageEncoding encoding = QueueMessageEncoding.Base64) =>
        CreateQueueServiceClient(configuration, connectionName, new QueueClientOptions { MessageEncoding = encoding }, SharedCredential);

    /// <summary>The seam for tests: client options (transport) and the credential for identity-based settings.</summary>
    internal static TableServiceClient CreateTableServiceClient(
        IConfiguration configuration, string connectionName, TableClientOptions options, Func<StorageIdentity, TokenCredential> credential) =>
        Connect(configuration, connectionName, "table", options, credential, connection => new TableServiceClient(connection, options), (uri, token) => new TableServiceClient(uri, token, options));

    internal static QueueServiceClient CreateQueueServiceClient(
        IConfiguration configuration, string connectionName, QueueClientOptions options, Func<StorageIdentity, TokenCredential> credential) =>
        Connect(configuration, connectionName, "queue", options, credential, connection => new QueueServiceClient(connection, options), (uri, token) => new QueueServiceClient(uri, token, options));

    /// <summary>
    /// The credential the Functions host picks for the same settings: a managed identity when
    /// <c>credential=managedidentity</c> (user-assigned when <c>clientId</c> is set), otherwise
    /// <see cref="DefaultAzureCredential"/> (environment, workload identity, managed identity, developer sign-ins).
    /// </summary>
    internal static TokenCredential CreateCredential(StorageIdentity identity)
    {
        if (identity.ManagedIdentityOnly)
        {
            return new ManagedIdentityCredential(identity.ClientId is { } clientId
                ? ManagedIdentityId.FromUserAssignedClientId(clientId)
                : ManagedIdentityId.SystemAssigned);
        }

        return new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = identity.ClientId });
    }

    // One credential per identity for the process, so table and queue clients share its token cache.
    private static TokenCredential SharedCredential(StorageIdentity identity) => Credentials.GetOrAdd(identity, CreateCredential);

    private static TClient Connect<TClient>(
        IConfiguration configuration,
        string connectionName,
        string service,
        ClientOptions options,
        Func<StorageIdentity, TokenCredential> credential,
        Func<string, TClient> withConnectionString,
        Func<Uri, TokenCredential, TClient> withIdentity)
    {
        ConfigureRetry(options.Retry);
        options.AddPolicy(new StorageRoundTrips(service), HttpPipelinePosition.PerRetry);
        var connectionString = configuration.GetConnectionString(connectionName) is { Length: > 0 } fromConnectionStrings
            ? fromConnectionStrings
            : configuration[connectionName];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return withConnectionString(connectionString);
        }

        var section = configuration.GetSection(connectionName);
        var uriSetting = $"{service}ServiceUri";
        Uri serviceUri;
        if (section[uriSetting] is { Length: > 0 } uriText)
        {
            if (!Uri.TryCreate(uriText, UriKind.Absolute, out var parsed) || parsed.Scheme != Uri.UriSchemeHttps)
            {
                throw new InvalidOperationException(
                    $"Setting {connectionName}__{uriSetting} must be an absolute https URL, for example https://<account>.{service}.core.windows.net.");
            }

            serviceUri = parsed;
        }
        else if (section["accountName"] is { Length: > 0 } accountName)
        {
            serviceUri = new Uri($"https://{accountName}.{service}.core.windows.net");
        }
        else if (section.GetChildren().Any())
        {
            throw new InvalidOperationException(
                $"Setting {connectionName}__{uriSetting} (or {connectionName}__accountName) is required: the identity-based " +
                $"settings for {connectionName} name no {service} endpoint.");
        }
        else
        {
            throw new InvalidOperationException(
                $"Setting {connectionName} is required: a storage connection string such as UseDevelopmentStorage=true, or " +
                $"identity-based settings {connectionName}__accountName (or {connectionName}__tableServiceUri and " +
                $"{connectionName}__queueServiceUri), with {connectionName}__credential=managedidentity and " +
                $"{connectionName}__clientId for a user-assigned identity.");
        }

        var credentialSetting = section["credential"];
        if (!string.IsNullOrEmpty(credentialSetting) && !string.Equals(credentialSetting, "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Setting {connectionName}__credential must be managedidentity or absent (for DefaultAzureCredential), not \"{credentialSetting}\".");
        }

        var clientId = section["clientId"] is { Length: > 0 } id ? id : null;
        return withIdentity(serviceUri, credential(new StorageIdentity(!string.IsNullOrEmpty(credentialSetting), clientId)));
    }

    /// <summary>How many times a storage call is sent again after a failure or timeout (see <see cref="ConfigureRetry"/>).</summary>
    internal const int Retries = 1;

    private static void ConfigureRetry(RetryOptions retry)
    {
        // Fail fast enough that a request, not the SDK's long default back-off (100 s a try), decides what the caller
        // sees: storage that does not answer (down, or frozen as the frozen-storage drill makes it) costs a call at most
        // 2 tries of 8 s, about 16 s, and then the caller answers 503. A table call, even a 100-row transaction, takes
        // milliseconds when storage is well; 8 s leaves room for a storage account (or emulator) under heavy load.
        retry.MaxRetries = Retries;
        retry.Mode = RetryMode.Exponential;
        retry.Delay = TimeSpan.FromMilliseconds(100);
        retry.MaxDelay = TimeSpan.FromSeconds(2);
        retry.NetworkTimeout = TimeSpan.FromSeconds(8);
    }
}

/// <summary>Who a storage client authenticates as when its settings name no connection string.</summary>
/// <param name="ManagedIdentityOnly">The settings say <c>credential=managedidentity</c>.</param>
/// <param name="ClientId">Client id of a user-assigned identity, or null.</param>
internal sealed record StorageIdentity(bool ManagedIdentityOnly, string? ClientId);
