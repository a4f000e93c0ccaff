using GoodThings.Email;
using GoodThings.LocalRunner.Hosting;
using GoodThings.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace GoodThings.LocalRunner;

internal static class LocalStorage
{
    private const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>Brings up Azurite (or reuses a running one) when the app is pointed at development storage.</summary>
    public static async Task<Azurite?> StartIfDevelopmentStorageAsync(IConfiguration configuration)
    {
        var connection = configuration[StorageOptions.ConnectionName];
        return string.Equals(connection?.Trim().TrimEnd(';'), DevelopmentStorage, StringComparison.OrdinalIgnoreCase)
            ? await Azurite.EnsureRunningAsync(Path.Combine(Azurite.RepositoryRoot(), ".local", "azurite"))
            : null;
    }

    public static void PrintBanner(WebApplication app, Azurite? azurite)
    {
        var keys = app.Services.GetRequiredService<FunctionKeys>();
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var storage = azurite switch
        {
            null => "configured storage account",
            { Owned: true } => $"Azurite started on ports {azurite.Ports} (data in .local/azurite; stopped on exit)",
            _ => $"Azurite already running on ports {azurite.Ports}",
        };
        var sendGrid = app.Services.GetRequiredService<IOptions<SendGridOptions>>().Value;
        var emails = sendGrid.Enabled
            ? $"sent through SendGrid ({sendGrid.Host ?? "api.sendgrid.com"})"
            : $"written as .eml files to {app.Services.GetRequiredService<PickupDirectoryEmailSender>().Directory}";
        Console.WriteLine($"""

            GoodThings is running.
              Site:            {string.Join(", ", addresses)}
              Health:          {addresses.FirstOrDefault()}/api/health
              Management key:  {keys.Key}{(keys.IsGenerated ? "   (generated; set GOODTHINGS_FUNCTION_KEY to fix it)" : "")}
                               send it as the x-functions-key header or ?code=
              Console:         {addresses.FirstOrDefault()}/console   (sign in with the management key)
              Storage:         {storage}
              Emails:          {emails}
            Press Ctrl+C to stop.

            """);
    }
}
