using System.Reflection;
using System.Text.RegularExpressions;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using GoodThings.Events;
using GoodThings.LocalRunner.Hosting;
using GoodThings.Templates;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace GoodThings.Architecture;

/// <summary>
/// The rules that keep the app's layout readable: services speak plain C#, so only trigger classes (and the HTTP
/// plumbing in <c>Web</c>) may touch ASP.NET Core or the Functions worker; templates know nothing of the app; and
/// only tests host the app in the local runner.
/// </summary>
public sealed partial class LayoutTests
{
    private static readonly System.Reflection.Assembly FunctionsAssembly = typeof(EventService).Assembly;
    private static readonly System.Reflection.Assembly TemplatesAssembly = typeof(TemplateRenderer).Assembly;
    private static readonly System.Reflection.Assembly RunnerAssembly = typeof(FunctionsRunner).Assembly;

    private static readonly ArchUnitNET.Domain.Architecture App =
        new ArchLoader().LoadAssemblies(FunctionsAssembly, TemplatesAssembly, RunnerAssembly).Build();

    /// <summary>Trigger classes, and what the compiler nests in them (closures, async state machines).</summary>
    private const string TriggerClass = @"^GoodThings\.([A-Za-z]+\.)*[A-Za-z]+Functions?(\+.*)?$";

    /// <summary>
    /// The host's own composition root (top-level statements), and the glue the Functions worker SDK generates
    /// into the app's root namespace to register and invoke its functions.
    /// </summary>
    private const string HostGlue =
        @"^(Program|GoodThings\.(DirectFunctionExecutor|FunctionExecutorHostBuilderExtensions|FunctionExecutorAutoStartup|GeneratedFunctionMetadataProvider|WorkerHostBuilderFunctionMetadataProviderExtension|FunctionMetadataProviderAutoStartup))(\+.*)?$";

    [Fact]
    public void OnlyTriggerClassesAndWebTouchAspNetCoreOrTheFunctionsWorker()
    {
        var rule = Types().That().ResideInAssembly(FunctionsAssembly)
            .And().DoNotResideInNamespaceOrBelow("GoodThings.Web")
            .And().DoNotHaveFullNameMatching(TriggerClass)
            .And().DoNotHaveFullNameMatching(HostGlue)
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching(@"^Microsoft\.(AspNetCore|Azure\.Functions\.Worker)(\..*)?$")
            .Because("services return plain outcomes; mapping them to HTTP belongs to trigger classes and Web");

        rule.Check(App);
    }

    [Fact]
    public void TemplatesKnowNothingOfTheFunctionsApp()
    {
        var rule = Types().That().ResideInAssembly(TemplatesAssembly)
            .Should().NotDependOnAnyTypesThat().ResideInAssembly(FunctionsAssembly)
            .Because("templates render models they are given; the app depends on them, never the reverse");

        rule.Check(App);
        Assert.DoesNotContain(TemplatesAssembly.GetReferencedAssemblies(), a => a.Name == FunctionsAssembly.GetName().Name);
    }

    [Fact]
    public void TheAppAndItsTemplatesNeverReferenceTheLocalRunner()
    {
        var rule = Types().That().ResideInAssembly(FunctionsAssembly).Or().ResideInAssembly(TemplatesAssembly)
            .Should().NotDependOnAnyTypesThat().ResideInAssembly(RunnerAssembly)
            .Because("the local runner hosts the app; the app must run the same under the real Functions host");

        rule.Check(App);
    }

    /// <summary>The runner is a harness: tests and benchmarks host the app in it, and nothing that ships may.</summary>
    [Fact]
    public void OnlyTestAndBenchmarkProjectsReferenceTheLocalRunner()
    {
        var offenders = Directory.EnumerateFiles(Repository.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(path => !IsUnder(path, "tests") && !IsUnder(path, "benchmarks") && !IsUnder(path, "src/LocalRunner") && !path.Contains("/obj/", StringComparison.Ordinal))
            .Where(path => File.ReadAllText(path).Contains("GoodThings.LocalRunner.csproj", StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(Repository.Root, path))
            .ToList();

        Assert.True(offenders.Count == 0, $"Only tests and benchmarks may reference the local runner; these do: {string.Join(", ", offenders)}");
    }

    [Fact]
    public void EveryTriggerClassLivesInAFileNamedLikeAFunction()
    {
        var triggerClasses = FunctionsAssembly.GetTypes()
            .Where(type => type.GetMethods().Any(method => method.GetCustomAttributes().Any(a => a.GetType().Name == "FunctionAttribute")))
            .ToList();
        var sources = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src", "Functions"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains("/obj/", StringComparison.Ordinal) && !path.Contains("/bin/", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(triggerClasses);
        foreach (var type in triggerClasses)
        {
            Assert.Matches(@"Functions?$", type.Name);
            var file = Assert.Single(sources, path => Path.GetFileNameWithoutExtension(path) == type.Name);
            Assert.Contains($"class {type.Name}", File.ReadAllText(file), StringComparison.Ordinal);
        }

        var declaringFiles = sources.Where(path => FunctionAttribute().IsMatch(File.ReadAllText(path))).Select(Path.GetFileName).ToList();
        Assert.All(declaringFiles, name => Assert.Matches(@"Functions?\.cs$", name));
    }

    [Fact]
    public void FunctionNamesAreStringLiterals()
    {
        // A function's name is what Azure shows, meters and alerts on: it must not change when a class is renamed.
        var byName = Directory.EnumerateFiles(Path.Combine(Repository.Root, "src", "Functions"), "*.cs", SearchOption.AllDirectories)
            .Where(path => File.ReadAllText(path).Contains("[Function(nameof(", StringComparison.Ordinal))
            .Select(Path.GetFileName)
            .ToList();

        Assert.Empty(byName);
    }

    private static bool IsUnder(string path, string folder) =>
        Path.GetRelativePath(Repository.Root, path).Replace('\\', '/').StartsWith(folder + "/", StringComparison.Ordinal);

    [GeneratedRegex(@"\[Function\(")]
    private static partial Regex FunctionAttribute();
}
