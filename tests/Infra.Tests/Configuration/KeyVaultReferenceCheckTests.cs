using GoodThings.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GoodThings.Infra.Tests.Configuration;

/// <summary>A Key Vault reference Azure could not resolve stops the app at start instead of becoming a "secret".</summary>
public sealed class KeyVaultReferenceCheckTests
{
    private const string Reference = "@Microsoft.KeyVault(SecretUri=https://kv-test.vault.azure.net/secrets/Tokens--SigningKey)";

    [Fact]
    public void UnresolvedReferenceStopsTheAppNamingTheSetting()
    {
        using var provider = Services(new() { ["Tokens:SigningKey"] = Reference, ["Site:BaseUrl"] = "https://events.example.org" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        var failure = Assert.Single(error.Failures);
        Assert.StartsWith("Setting Tokens:SigningKey (env Tokens__SigningKey) is a Key Vault reference that Azure did not resolve", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolvedSettingsPass()
    {
        using var provider = Services(new() { ["Tokens:SigningKey"] = "a-resolved-secret-value-of-enough-length", ["SendGrid:ApiKey"] = "SG.key" });

        provider.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void EveryUnresolvedReferenceIsReported()
    {
        using var provider = Services(new() { ["Tokens:SigningKey"] = Reference, ["SendGrid:ApiKey"] = Reference.Replace("Tokens--SigningKey", "SendGrid--ApiKey", StringComparison.Ordinal) });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Equal(2, error.Failures.Count());
    }

    private static ServiceProvider Services(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        return new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddKeyVaultReferenceCheck()
            .BuildServiceProvider();
    }
}
