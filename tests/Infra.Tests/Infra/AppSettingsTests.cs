namespace GoodThings.Infra.Tests.Infra;

/// <summary>The app settings infra/main.bicep gives the function app against the settings the app binds.</summary>
public sealed class AppSettingsTests
{
    // Platform settings (Functions host, Application Insights), not the app's options.
    private static readonly string[] PlatformPrefixes = ["AzureWebJobs", "AzureFunctionsJobHost", "APPLICATIONINSIGHTS_", "WEBSITE_", "FUNCTIONS_"];

    [Fact]
    public void OptionsClassesAreDiscovered()
    {
        var sections = AppOptions.OptionsTypes.Select(AppOptions.SectionOf).ToList();

        Assert.Contains("Site", sections);
        Assert.Contains("Tokens", sections);
        Assert.Contains("Storage", sections);
    }

    [Fact]
    public async Task EveryRequiredOptionIsSetByTheBicep()
    {
        var settings = (await BicepTemplate.MainAsync()).AppSettings();

        var missing = AppOptions.Settings
            .Where(o => o.Required && !settings.ContainsKey(o.AppSettingName))
            .Select(o => $"{o.AppSettingName} ({o.OptionsType.Name}.{o.Property} is [Required])");

        AssertNone(missing, "Required options the Bicep does not set");
    }

    [Fact]
    public async Task EveryExpectedSettingForAzureIsSetByTheBicep()
    {
        var settings = (await BicepTemplate.MainAsync()).AppSettings();

        var missing = AppOptions.ExpectedSettings
            .Except(AppOptions.LocalOnlySettings, StringComparer.OrdinalIgnoreCase)
            .Where(key => !settings.Keys.Any(name => string.Equals(AppOptions.ConfigurationKey(name), key, StringComparison.OrdinalIgnoreCase)));

        AssertNone(missing, "Expected settings that the Bicep does not set");
    }

    [Fact]
    public async Task EveryAppSettingOfTheAppNamesAnOptionsProperty()
    {
        var settings = (await BicepTemplate.MainAsync()).AppSettings();

        var unknown = settings.Keys
            .Where(name => name.Contains("__", StringComparison.Ordinal) && !IsPlatformSetting(name))
            .Where(name => !NamesAKnownSetting(name))
            .Select(name => $"{name}: no options property {AppOptions.ConfigurationKey(name)} (misspelt, or the option was renamed)");

        AssertNone(unknown, "App settings in the Bicep that the app does not bind");
    }

    [Fact]
    public async Task StorageIsReachedWithTheAppsIdentityNotAKey()
    {
        var settings = (await BicepTemplate.MainAsync()).AppSettings();

        Assert.DoesNotContain("AzureWebJobsStorage", settings.Keys);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("AzureWebJobsStorage__clientId", settings.Keys);
        Assert.Contains("AzureWebJobsStorage__blobServiceUri", settings.Keys);
        Assert.Contains("AzureWebJobsStorage__queueServiceUri", settings.Keys);
        Assert.Contains("AzureWebJobsStorage__tableServiceUri", settings.Keys);
        Assert.DoesNotContain(settings.Values, value => value.Contains("AccountKey", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("Tokens__SigningKey")]
    [InlineData("SendGrid__ApiKey")]
    public async Task SecretsAreKeyVaultReferences(string name)
    {
        var settings = (await BicepTemplate.MainAsync()).AppSettings();

        Assert.StartsWith("[format('@Microsoft.KeyVault(SecretUri=", settings[name], StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalOnlySettingsAreNotSetInAzure()
    {
        var settings = (await BicepTemplate.MainAsync()).AppSettings();

        var present = settings.Keys.Where(name => AppOptions.LocalOnlySettings.Contains(AppOptions.ConfigurationKey(name)));

        AssertNone(present, "Local-only settings the Bicep sets");
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("WEBSITE_CONTENTSHARE")]
    [InlineData("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING")]
    public async Task SettingsFlexConsumptionReplacesAreNotSet(string name)
    {
        var settings = (await BicepTemplate.MainAsync()).AppSettings();

        Assert.DoesNotContain(name, settings.Keys);
    }

    [Fact]
    public async Task TheHomepageIsDisabledSoTheSiteCanServeTheRoot()
    {
        var settings = (await BicepTemplate.MainAsync()).AppSettings();

        Assert.Equal("true", settings["AzureWebJobsDisableHomepage"]);
    }

    private static void AssertNone(IEnumerable<string> problems, string what)
    {
        var list = problems.ToList();
        Assert.True(list.Count == 0, $"{what}:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", list)}");
    }

    private static bool IsPlatformSetting(string name) =>
        PlatformPrefixes.Any(prefix => name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    private static bool NamesAKnownSetting(string name)
    {
        var key = AppOptions.ConfigurationKey(name);
        var section = key[..key.LastIndexOf(':')];
        var property = key[(key.LastIndexOf(':') + 1)..];
        var options = AppOptions.Settings.Where(o => string.Equals(o.Section, section, StringComparison.OrdinalIgnoreCase)).ToList();

        // A section with an options class: the property must exist there. A section without one yet: the expected list.
        return options.Count > 0
            ? options.Any(o => string.Equals(o.Property, property, StringComparison.OrdinalIgnoreCase))
            : AppOptions.ExpectedSettings.Contains(key);
    }
}
