using System.ComponentModel.DataAnnotations;

namespace GoodThings.Tokens;

public sealed class TokenOptions
{
    public const string Section = "Tokens";

    /// <summary>HMAC-SHA256 key for the links that act for one person. Keep it in Key Vault, never in the repo.</summary>
    [Required(ErrorMessage = "Setting Tokens:SigningKey (env Tokens__SigningKey) is required: a random secret of at least 32 characters.")]
    [MinLength(32, ErrorMessage = "Setting Tokens:SigningKey must be at least 32 characters long.")]
    public string SigningKey { get; set; } = "";
}

internal static class TokenRegistration
{
    public static IServiceCollection AddTokens(this IServiceCollection services)
    {
        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<TokenService>();
        return services;
    }
}
