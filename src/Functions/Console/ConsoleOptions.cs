using Microsoft.Extensions.Configuration;

namespace GoodThings.OrganiserConsole;

public sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>
    /// The key the sign-in page takes: the management key. Empty means <c>GOODTHINGS_FUNCTION_KEY</c> (the local
    /// runner's key); with neither, no key signs in (in Azure, set it to the host's function key from Key Vault, or
    /// sign in through the platform).
    /// </summary>
    public string ManagementKey { get; set; } = "";

    /// <summary>How long a console session lasts.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How long each wrong key waits before its answer.</summary>
    public TimeSpan WrongKeyDelay { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>The wait after a wrong key, a seam so tests need not spend the second.</summary>
public interface IWrongKeyDelay
{
    Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken);
}

internal sealed class WrongKeyDelay(TimeProvider time) : IWrongKeyDelay
{
    public Task WaitAsync(TimeSpan delay, CancellationToken cancellationToken) => Task.Delay(delay, time, cancellationToken);
}

internal static class ConsoleRegistration
{
    /// <summary>The local runner's management key setting (LocalRunner FunctionKeys.Setting).</summary>
    private const string FunctionKeySetting = "GOODTHINGS_FUNCTION_KEY";

    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddOptions<ConsoleOptions>()
            .BindConfiguration(ConsoleOptions.Section)
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                if (string.IsNullOrEmpty(options.ManagementKey))
                {
                    options.ManagementKey = configuration[FunctionKeySetting] ?? "";
                }
            });
        services.AddSingleton<IWrongKeyDelay, WrongKeyDelay>();
        services.AddSingleton<ConsoleAuth>();
        services.AddSingleton<ConsoleDashboard>();
        services.AddSingleton<ConsoleCheckIn>();
        services.AddSingleton<ConsoleEvents>();
        services.AddSingleton<ConsoleRegistrations>();
        services.AddSingleton<ConsoleCancelStep>();
        services.AddSingleton<ConsoleDoor>();
        services.AddSingleton<ConsoleMessages>();
        services.AddSingleton<ConsoleAuditLog>();
        services.AddSingleton<ConsoleNewsletter>();
        services.AddSingleton<Web.ConsoleGate>();
        return services;
    }
}
