using System.Buffers.Text;
using System.Security.Cryptography;

namespace GoodThings.Tokens;

/// <summary>
/// Opaque, URL-safe tokens for links that act for one person: <c>base64url(purpose|subject|expiry).base64url(HMAC-SHA256)</c>
/// keyed by <c>Tokens:SigningKey</c>. A tampered, expired or wrong-purpose token reads as nothing.
/// </summary>
public sealed class TokenService(IOptions<TokenOptions> options, TimeProvider time)
{
    private const char Separator = '|';

    private byte[] Key => Encoding.UTF8.GetBytes(options.Value.SigningKey);

    public string Create(string purpose, string subject, DateTimeOffset expiresAt)
    {
        if (purpose.Contains(Separator, StringComparison.Ordinal) || subject.Contains(Separator, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Token purpose and subject may not contain '{Separator}'.");
        }

        var payload = Encoding.UTF8.GetBytes(string.Join(Separator, purpose, subject, expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)));
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(HMACSHA256.HashData(Key, payload))}";
    }

    /// <returns>The subject, or null when the token is malformed, tampered with, expired or for another purpose.</returns>
    public string? Read(string? token, string purpose)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024 || token.Split('.') is not [var encodedPayload, var encodedMac])
        {
            return null;
        }

        byte[] payload, mac;
        try
        {
            payload = Base64Url.DecodeFromChars(encodedPayload);
            mac = Base64Url.DecodeFromChars(encodedMac);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(Key, payload)))
        {
            return null;
        }

        return Encoding.UTF8.GetString(payload).Split(Separator) is [var tokenPurpose, var subject, var expiry]
               && tokenPurpose == purpose
               && long.TryParse(expiry, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresAt)
               && time.GetUtcNow().ToUnixTimeSeconds() < expiresAt
            ? subject
            : null;
    }
}
