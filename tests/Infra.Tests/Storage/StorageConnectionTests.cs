using System.Net;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using GoodThings.Storage;
using Microsoft.Extensions.Configuration;

namespace GoodThings.Infra.Tests.Storage;

/// <summary>Both shapes of the AzureWebJobsStorage settings reach the right account, the right way.</summary>
public sealed class StorageConnectionTests
{
    private const string Name = "AzureWebJobsStorage";

    [Theory]
    [InlineData(Name, "UseDevelopmentStorage=true", "devstoreaccount1", "http://127.0.0.1:10002/devstoreaccount1", "http://127.0.0.1:10001/devstoreaccount1")] // Azurite
    [InlineData($"{Name}:accountName", "gtstore", "gtstore", "https://gtstore.table.core.windows.net/", "https://gtstore.queue.core.windows.net/")]
    public void AConnectionStringOrAnAccountNameReachesThatAccountsEndpoints(string key, string value, string account, string tableEndpoint, string queueEndpoint)
    {
        var configuration = Configuration(new() { [key] = value });

        var tables = StorageConnection.CreateTableServiceClient(configuration);
        var queues = StorageConnection.CreateQueueServiceClient(configuration);

        Assert.Equal(account, tables.AccountName);
        Assert.Equal(new Uri(tableEndpoint), tables.Uri);
        Assert.Equal(account, queues.AccountName);
        Assert.Equal(new Uri(queueEndpoint), queues.Uri);
    }

    [Fact]
    public void ConnectionStringsEntryIsReadToo()
    {
        var configuration = Configuration(new() { [$"ConnectionStrings:{Name}"] = "UseDevelopmentStorage=true" });

        var tables = StorageConnection.CreateTableServiceClient(configuration);

        Assert.Equal("devstoreaccount1", tables.AccountName);
    }

    [Fact]
    public void ServiceUrisAsTheBicepSetsThemReachThoseEndpoints()
    {
        var configuration = Configuration(new()
        {
            [$"{Name}:credential"] = "managedidentity",
            [$"{Name}:clientId"] = "00000000-0000-0000-0000-000000000001",
            [$"{Name}:blobServiceUri"] = "https://gtstore.blob.core.windows.net/",
            [$"{Name}:queueServiceUri"] = "https://gtstore.queue.core.windows.net/",
            [$"{Name}:tableServiceUri"] = "https://gtstore.table.core.windows.net/",
        });

        var tables = StorageConnection.CreateTableServiceClient(configuration);
        var queues = StorageConnection.CreateQueueServiceClient(configuration);

        Assert.Equal(new Uri("https://gtstore.table.core.windows.net/"), tables.Uri);
        Assert.Equal(new Uri("https://gtstore.queue.core.windows.net/"), queues.Uri);
    }

    [Fact]
    public void EnvironmentVariableFormIsRead()
    {
        var variable = $"GT_TEST_{Guid.NewGuid():N}_";
        Environment.SetEnvironmentVariable($"{variable}{Name}__tableServiceUri", "https://fromenv.table.core.windows.net/");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables(variable).Build();

            var tables = StorageConnection.CreateTableServiceClient(configuration);

            Assert.Equal("fromenv", tables.AccountName);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"{variable}{Name}__tableServiceUri", null);
        }
    }

    [Fact]
    public async Task IdentitySettingsSendAnEntraTokenForStorage()
    {
        var configuration = Configuration(new() { [$"{Name}:tableServiceUri"] = "https://gtstore.table.core.windows.net/" });
        var credential = new FakeCredential();
        var handler = new RecordingHandler();
        var options = new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        var tables = StorageConnection.CreateTableServiceClient(configuration, Name, options, _ => credential);

        await Assert.ThrowsAsync<RequestFailedException>(() => tables.GetPropertiesAsync());

        var request = Assert.Single(handler.Requests);
        Assert.Equal("gtstore.table.core.windows.net", request.RequestUri!.Host);
        Assert.Equal("Bearer", request.Headers.Authorization?.Scheme);
        Assert.Equal(FakeCredential.Token, request.Headers.Authorization?.Parameter);
        Assert.Contains("https://storage.azure.com/.default", credential.Scopes);
    }

    [Fact]
    public async Task IdentitySettingsSendAnEntraTokenForQueues()
    {
        var configuration = Configuration(new() { [$"{Name}:accountName"] = "gtstore" });
        var handler = new RecordingHandler();
        var options = new QueueClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        var queues = StorageConnection.CreateQueueServiceClient(configuration, Name, options, _ => new FakeCredential());

        await Assert.ThrowsAsync<RequestFailedException>(() => queues.GetPropertiesAsync());

        var request = Assert.Single(handler.Requests);
        Assert.Equal("gtstore.queue.core.windows.net", request.RequestUri!.Host);
        Assert.Equal("Bearer", request.Headers.Authorization?.Scheme);
    }

    [Fact]
    public async Task ConnectionStringSignsWithTheAccountKey()
    {
        var configuration = Configuration(new() { [Name] = "UseDevelopmentStorage=true" });
        var handler = new RecordingHandler();
        var options = new TableClientOptions { Transport = new HttpClientTransport(new HttpClient(handler)) };
        var tables = StorageConnection.CreateTableServiceClient(
            configuration, Name, options, _ => throw new InvalidOperationException("No credential for a connection string."));

        await Assert.ThrowsAsync<RequestFailedException>(() => tables.GetPropertiesAsync());

        Assert.StartsWith("SharedKey", Assert.Single(handler.Requests).Headers.Authorization?.Scheme, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("managedidentity", "client-1", true, "client-1")]
    [InlineData("ManagedIdentity", null, true, null)]
    [InlineData(null, "client-2", false, "client-2")]
    [InlineData(null, null, false, null)]
    public void CredentialAndClientIdSettingsChooseTheIdentity(string? credential, string? clientId, bool managedIdentityOnly, string? expectedClientId)
    {
        var configuration = Configuration(new()
        {
            [$"{Name}:accountName"] = "gtstore",
            [$"{Name}:credential"] = credential,
            [$"{Name}:clientId"] = clientId,
        });
        StorageIdentity? chosen = null;

        StorageConnection.CreateTableServiceClient(configuration, Name, new TableClientOptions(), identity =>
        {
            chosen = identity;
            return new FakeCredential();
        });

        Assert.Equal(new StorageIdentity(managedIdentityOnly, expectedClientId), chosen);
    }

    [Fact]
    public void ManagedIdentitySettingGivesAManagedIdentityCredential()
    {
        var credential = StorageConnection.CreateCredential(new StorageIdentity(true, "00000000-0000-0000-0000-000000000001"));

        Assert.IsType<ManagedIdentityCredential>(credential);
    }

    [Fact]
    public void WithoutACredentialSettingTheDefaultChainIsUsed()
    {
        var credential = StorageConnection.CreateCredential(new StorageIdentity(false, null));

        Assert.IsType<DefaultAzureCredential>(credential);
    }

    [Fact]
    public void MissingSettingNamesIt()
    {
        var configuration = Configuration([]);

        var error = Assert.Throws<InvalidOperationException>(() => StorageConnection.CreateTableServiceClient(configuration));

        Assert.StartsWith("Setting AzureWebJobsStorage is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void IdentitySettingsWithoutATableEndpointNameTheMissingSetting()
    {
        var configuration = Configuration(new() { [$"{Name}:queueServiceUri"] = "https://gtstore.queue.core.windows.net/" });

        var error = Assert.Throws<InvalidOperationException>(() => StorageConnection.CreateTableServiceClient(configuration));

        Assert.Contains("AzureWebJobsStorage__tableServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ServiceUriMustBeHttps()
    {
        var configuration = Configuration(new() { [$"{Name}:tableServiceUri"] = "gtstore.table.core.windows.net" });

        var error = Assert.Throws<InvalidOperationException>(() => StorageConnection.CreateTableServiceClient(configuration));

        Assert.Contains("AzureWebJobsStorage__tableServiceUri must be an absolute https URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnsupportedCredentialSettingIsRefused()
    {
        var configuration = Configuration(new() { [$"{Name}:accountName"] = "gtstore", [$"{Name}:credential"] = "clientsecret" });

        var error = Assert.Throws<InvalidOperationException>(() => StorageConnection.CreateQueueServiceClient(configuration));

        Assert.Contains("AzureWebJobsStorage__credential", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private sealed class FakeCredential : TokenCredential
    {
        public const string Token = "fake-entra-token";

        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken(Token, DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }

    /// <summary>Records each request and answers 403 (not retried), so no request leaves the process.</summary>
    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<HttpRequestMessage> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Forbidden) { RequestMessage = request });
        }
    }
}
