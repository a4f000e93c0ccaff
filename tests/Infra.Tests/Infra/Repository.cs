using System.Reflection;

namespace GoodThings.Infra.Tests.Infra;

internal static class Repository
{
    /// <summary>The repository root: the nearest folder above the test binaries holding azure.yaml.</summary>
    public static string Root { get; } = FindRoot();

    public static string InfraDirectory => Path.Combine(Root, "infra");

    /// <summary>The Bicep CLI restored from NuGet with this project (see the csproj).</summary>
    public static string BicepPath { get; } =
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPath").Value
        ?? throw new InvalidOperationException("The BicepPath assembly metadata is missing.");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "azure.yaml")) && Directory.Exists(Path.Combine(directory.FullName, "infra")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No azure.yaml above {AppContext.BaseDirectory}.");
    }
}
