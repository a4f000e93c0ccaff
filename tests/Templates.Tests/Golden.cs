using System.Runtime.CompilerServices;

namespace GoodThings.Templates.Tests;

/// <summary>
/// Compares output with a committed file under Golden/. To accept new output, run the tests with
/// UPDATE_GOLDEN=1: the files are rewritten, then review the diff before committing.
/// </summary>
internal static class Golden
{
    public static bool Updating => Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1";

    public static string Directory([CallerFilePath] string thisFile = "") =>
        Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden");

    /// <param name="relativePath">Such as <c>Emails/Reminder.out.html</c>.</param>
    /// <param name="actual">What the code produced now.</param>
    public static void Match(string relativePath, string actual)
    {
        var path = Path.Combine(Directory(), relativePath);
        if (Updating)
        {
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"No golden file {path}. Run the tests with UPDATE_GOLDEN=1 to create it, then review it.");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
