
namespace GoodThings.Templates.Tests;

public sealed class GoldenPageTests
{
    private static readonly TemplateRenderer Renderer = new(Samples.Site);

    public static TheoryData<string> Cases => [.. PageSamples.Pages.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void PageRendersAsItsGoldenFile(string name)
    {
        var html = Renderer.RenderPage(PageSamples.Pages[name]);

        Golden.Match($"Pages/{name}.out.html", html);
    }

    [Fact]
    public void EveryPageModelHasAGoldenCase()
    {
        var models = typeof(TemplateRenderer).Assembly.GetTypes()
            .Where(type => typeof(IPageModel).IsAssignableFrom(type) && type.GetCustomAttribute<TemplateAttribute>() is not null);

        var covered = PageSamples.Pages.Values.Select(model => model.GetType()).ToHashSet();

        Assert.All(models, model => Assert.Contains(model, covered));
    }

    [Fact]
    public void EveryGoldenFileBelongsToACase()
    {
        var expected = PageSamples.Pages.Keys.Select(name => $"{name}.out.html").ToHashSet();

        var files = Directory.GetFiles(Path.Combine(Golden.Directory(), "Pages")).Select(path => Path.GetFileName(path));

        Assert.All(files, file => Assert.Contains(file, expected));
    }
}
