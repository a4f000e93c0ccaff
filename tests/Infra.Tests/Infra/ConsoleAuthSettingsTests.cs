using System.Text.Json.Nodes;

namespace GoodThings.Infra.Tests.Infra;

/// <summary>
/// App Service Authentication for the organiser console, as compiled from infra/: Entra ID, anonymous requests let
/// through, and nothing at all without an app registration.
/// </summary>
public sealed class ConsoleAuthSettingsTests
{
    private static async Task<JsonObject> AuthSettingsAsync()
    {
        var template = await BicepTemplate.MainAsync();
        return Assert.Single(BicepTemplate.Descendants(template.Json).OfType<JsonObject>(), node =>
            node["type"]?.GetValue<string>() == "Microsoft.Web/sites/config"
            && node["name"]?.ToString().Contains("'authsettingsV2'", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task AuthenticationIsOnOnlyWhenAnAppRegistrationIsGiven()
    {
        var auth = await AuthSettingsAsync();
        var parameters = (await BicepTemplate.MainAsync()).Parameters();

        Assert.Equal("[not(empty(parameters('consoleEntraClientId')))]", auth["condition"]?.GetValue<string>());
        Assert.True(parameters["consoleEntraClientId"], "consoleEntraClientId needs a default (empty) so a deployment without an app registration works");
    }

    [Fact]
    public async Task AnonymousRequestsGoThroughSoThePublicSiteKeepsWorking()
    {
        var properties = (await AuthSettingsAsync())["properties"]!;

        Assert.True(properties["platform"]!["enabled"]!.GetValue<bool>());
        Assert.False(properties["globalValidation"]!["requireAuthentication"]!.GetValue<bool>());
        Assert.Equal("AllowAnonymous", properties["globalValidation"]!["unauthenticatedClientAction"]!.GetValue<string>());
        Assert.True(properties["httpSettings"]!["requireHttps"]!.GetValue<bool>());
    }

    [Fact]
    public async Task EntraIdSignsInWithTheAppsIdentityNotASecret()
    {
        var template = await BicepTemplate.MainAsync();
        var entra = (await AuthSettingsAsync())["properties"]!["identityProviders"]!["azureActiveDirectory"]!;

        Assert.True(entra["enabled"]!.GetValue<bool>());
        Assert.Equal("[parameters('consoleEntraClientId')]", entra["registration"]!["clientId"]!.GetValue<string>());
        Assert.Contains("/v2.0", entra["registration"]!["openIdIssuer"]!.ToString(), StringComparison.Ordinal);
        var secretSetting = entra["registration"]!["clientSecretSettingName"]!.GetValue<string>();
        Assert.Equal("OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID", secretSetting);
        Assert.Equal("[parameters('identityClientId')]", template.AppSettings()[secretSetting]);
    }
}
