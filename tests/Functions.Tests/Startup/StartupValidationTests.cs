using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace GoodThings.Startup;

public sealed class StartupValidationTests
{
    /// <summary>Each setting the app checks at start, left out (null) or given a value it refuses.</summary>
    public static TheoryData<string, string?> BadSettings => new()
    {
        { "Tokens:SigningKey", null }, { "Tokens:SigningKey", "too-short" },
        { "Site:BaseUrl", null }, { "Site:BaseUrl", "not a url" }, { "Site:BaseUrl", "ftp://example.org" },
        { "Storage:Prefix", null }, { "Storage:Prefix", "Has-Capitals" },
        { "Email:From", null }, { "Email:From", "not an address" },
        { "SendGrid:Host", "not a url" }, { "SendGrid:WebhookPublicKey", "not a key" }, { "SendGrid:WebhookPublicKey", "bm90IGEga2V5" },
        { "Email:ClaimLease", "00:00:00" }, { "Email:ClaimLease", "-00:00:10" },
        { "Reminders:Offsets", "soon" }, { "Reminders:Offsets", "00:00:00.5" },
        { "FollowUp:Delay", "-01:00:00" },
        { "Retention:AnonymiseAfter", "00:00:00" },
        { "Timers:Schedule", "every minute" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
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

    [Theory]
    [InlineData(null, 300)]
    [InlineData("00:00:10", 10)]
    public void TheClaimLeaseIsFiveMinutesUnlessEmailClaimLeaseSaysOtherwise(string? lease, int seconds)
    {
        var settings = new Dictionary<string, string?>(ValidSettings);
        if (lease is not null)
        {
            settings["Email:ClaimLease"] = lease;
        }

        using var host = HostWith(settings);

        Assert.Equal(TimeSpan.FromSeconds(seconds), host.Services.GetRequiredService<EmailDeliveries>().ClaimLease);
    }

    [Fact]
    public async Task AWebhookPublicKeyInSendGridsFormatIsAccepted()
    {
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        using var host = HostWith(new Dictionary<string, string?>(ValidSettings) { ["SendGrid:WebhookPublicKey"] = Email.SendGridWebhook.PublicKeyOf(key) });

        await host.StartAsync();
        await host.StopAsync();
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
