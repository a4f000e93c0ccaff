using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;

namespace GoodThings.Storage;

/// <summary>For fixtures that watch or disturb the app's table calls.</summary>
public static class TablePolicies
{
    /// <summary>
    /// Gives the app a table client made as its own is (same connection and retries) with <paramref name="policy"/> at
    /// the per-retry position, so it sees every attempt, retries included.
    /// </summary>
    public static void AddTablePolicy(this IServiceCollection services, HttpPipelinePolicy policy)
    {
        var options = new TableClientOptions();
        options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        services.AddSingleton(provider => StorageConnection.CreateTableServiceClient(
            provider.GetRequiredService<IConfiguration>(), StorageOptions.ConnectionName, options, StorageConnection.CreateCredential));
    }
}

/// <summary>A policy that looks at each request before it is sent, retries included; throwing fails that attempt.</summary>
public abstract class RequestWatch : HttpPipelinePolicy
{
    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Observe(message.Request);
        await ProcessNextAsync(message, pipeline);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Observe(message.Request);
        ProcessNext(message, pipeline);
    }

    protected abstract void Observe(Request request);
}
