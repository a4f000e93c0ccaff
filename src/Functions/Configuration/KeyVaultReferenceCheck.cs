using Microsoft.Extensions.Configuration;

namespace GoodThings.Configuration;

/// <summary>
/// Stops the app at start when a setting still holds a Key Vault reference (<c>@Microsoft.KeyVault(...)</c>).
/// Azure resolves those references before the app starts; when it cannot (secret missing, the app's identity not
/// allowed to read it), it leaves the reference text as the value, and the app would run with that well-known text
/// as its token signing key or SendGrid key.
/// </summary>
internal sealed class KeyVaultReferenceCheck
{
    public const string Prefix = "@Microsoft.KeyVault(";

    public static IEnumerable<string> Failures(IConfiguration configuration) =>
        configuration.AsEnumerable()
            .Where(setting => setting.Value?.TrimStart().StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) == true)
            .OrderBy(setting => setting.Key, StringComparer.OrdinalIgnoreCase)
            .Select(setting =>
                $"Setting {setting.Key} (env {setting.Key.Replace(":", "__", StringComparison.Ordinal)}) is a Key Vault reference " +
                $"that Azure did not resolve: {setting.Value}. Check that the secret exists and that the app's identity may read it " +
                "(Key Vault Secrets User), then restart the app; see docs/deploy.md.");
}

internal sealed class KeyVaultReferenceValidator(IConfiguration configuration) : IValidateOptions<KeyVaultReferenceCheck>
{
    public ValidateOptionsResult Validate(string? name, KeyVaultReferenceCheck options)
    {
        var failures = KeyVaultReferenceCheck.Failures(configuration).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal static class KeyVaultReferenceRegistration
{
    public static IServiceCollection AddKeyVaultReferenceCheck(this IServiceCollection services)
    {
        services.AddSingleton<IValidateOptions<KeyVaultReferenceCheck>, KeyVaultReferenceValidator>();
        services.AddOptions<KeyVaultReferenceCheck>().ValidateOnStart();
        return services;
    }
}
