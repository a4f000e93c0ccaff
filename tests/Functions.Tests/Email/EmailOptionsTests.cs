using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace GoodThings.Email;

public sealed class EmailOptionsTests
{
    [Fact]
    public void TheClaimLeaseIsFiveMinutesUnlessSet()
    {
        using var host = HostWith(new Dictionary<string, string?>(LocalSettingsExample()));

        Assert.Equal(TimeSpan.FromMinutes(5), host.Services.GetRequiredService<EmailDeliveries>().ClaimLease);
    }

    [Fact]
    public void TheClaimLeaseIsReadFromEmailClaimLease()
    {
        using var host = HostWith(new Dictionary<string, string?>(LocalSettingsExample()) { ["Email:ClaimLease"] = "00:00:10" });

        Assert.Equal(TimeSpan.FromSeconds(10), host.Services.GetRequiredService<EmailDeliveries>().ClaimLease);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("-00:00:10")]
    public async Task AClaimLeaseThatIsNotPositiveStopsStartUpNamingIt(string lease)
    {
        using var host = HostWith(new Dictionary<string, string?>(LocalSettingsExample()) { ["Email:ClaimLease"] = lease });

        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("Email:ClaimLease", failure.Message, StringComparison.Ordinal);
    }

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
