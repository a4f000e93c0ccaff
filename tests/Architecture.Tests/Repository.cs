namespace GoodThings.Architecture;

internal static class Repository
{
    /// <summary>The repository root: the nearest folder above the test binaries holding GoodThings.sln.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "GoodThings.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No GoodThings.sln above {AppContext.BaseDirectory}.");
    }
}
