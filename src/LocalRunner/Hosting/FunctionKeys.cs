using System.Security.Cryptography;
using System.Text;
using Microsoft.Azure.Functions.Worker;

namespace GoodThings.LocalRunner.Hosting;

/// <summary>
/// The one key the runner accepts for <see cref="AuthorizationLevel.Function"/> and
/// <see cref="AuthorizationLevel.Admin"/> routes, read from <c>GOODTHINGS_FUNCTION_KEY</c> or generated at start.
/// </summary>
public sealed class FunctionKeys
{
    public const string Setting = "GOODTHINGS_FUNCTION_KEY";
    public const string Header = "x-functions-key";
    public const string QueryParameter = "code";

    private readonly byte[] _key;

    public FunctionKeys(string? configuredKey)
    {
        IsGenerated = string.IsNullOrWhiteSpace(configuredKey);
        Key = IsGenerated ? Base64Url(RandomNumberGenerator.GetBytes(32)) : configuredKey!;
        _key = Encoding.UTF8.GetBytes(Key);
    }

    public string Key { get; }

    public bool IsGenerated { get; }

    public bool Allows(AuthorizationLevel level, HttpRequest request)
    {
        if (level == AuthorizationLevel.Anonymous)
        {
            return true;
        }

        string? presented = request.Headers[Header];
        if (string.IsNullOrEmpty(presented))
        {
            presented = request.Query[QueryParameter];
        }

        return !string.IsNullOrEmpty(presented)
               && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _key);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
