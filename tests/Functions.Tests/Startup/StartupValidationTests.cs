using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace GoodThings.Startup;

public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Tokens:SigningKey", null)]
    [InlineData("Tokens:SigningKey", "too-short")]
    [InlineData("Site:BaseUrl", null)]
    [InlineData("Site:BaseUrl", "not a url")]
    [InlineData("Site:BaseUrl", "ftp://example.org")]
    [InlineData("Storage:Prefix", null)]
    [InlineData("Storage:Prefix", "Has-Capitals")]
    [InlineData("Email:From", null)]
    [InlineData("Email:From", "not an address")]
    [InlineData("SendGrid:Host", "not a url")]
    public async Task AMissingOrInvalidSettingStopsStartUpNamingIt(string setting, string? value)
    {
        var settings = new Dictionary<string, string?>(ValidSettings) { [setting] = value };
        if (value is null)
        {
            settings.Remove(setting); // a required setting left out
        }

        using var host = HostWith(settings);

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(setting, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommittedLocalSettingsExampleIsEnoughToStart()
    {
        using var host = HostWith(LocalSettingsExample());

        await host.StartAsync();
        await host.StopAsync();
    }

    private static readonly Dictionary<string, string?> ValidSettings = LocalSettingsExample();

    private static Dictionary<string, string?> LocalSettingsExample()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "local.settings.example.json")));
        return document.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => (string?)p.Value.GetString());
    }

    private static IHost HostWith(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddGoodThings(builder.Configuration);
        return builder.Build();
    }
}
