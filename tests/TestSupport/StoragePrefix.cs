using System.Security.Cryptography;

namespace GoodThings.TestSupport;

public static class StoragePrefix
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A fresh table/queue name prefix ("t" + 9 random characters), so no two tests share storage.</summary>
    public static string New() => "t" + RandomNumberGenerator.GetString(Alphabet, 9);
}
