using System.Security.Cryptography;

namespace GoodThings.Storage;

/// <summary>
/// Email addresses as keys: trimmed and compared case-insensitively, and hashed where they become a row or
/// partition key, so an address is never itself a key.
/// </summary>
public static class AddressKey
{
    public static string Normalise(string email) => email.Trim().ToUpperInvariant();

    /// <summary>The lower-case hex SHA-256 of the normalised address.</summary>
    public static string Of(string email) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(email))));
}
