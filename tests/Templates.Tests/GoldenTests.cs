namespace GoodThings.Templates.Tests;

/// <summary>Every sample email and page renders as its committed golden files, and the samples and the files cover each other.</summary>
public sealed class GoldenTests
{
    private static readonly TemplateRenderer Renderer = new(Samples.Site);

    public static TheoryData<string> Emails => [.. Samples.Emails.Keys];

    public static TheoryData<string> Pages => [.. PageSamples.Pages.Keys];

    [Theory]
    [MemberData(nameof(Emails))]
    public void EmailRendersAsItsGoldenFiles(string name)
    {
        var email = Renderer.RenderEmail(Samples.Emails[name]);

        Golden.Match($"Emails/{name}.subject.out.txt", email.Subject + "\n");
        Golden.Match($"Emails/{name}.out.html", email.Html);
        Golden.Match($"Emails/{name}.out.txt", email.Text);
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void PageRendersAsItsGoldenFile(string name)
    {
        var html = Renderer.RenderPage(PageSamples.Pages[name]);

        Golden.Match($"Pages/{name}.out.html", html);
    }

    [Fact]
    public void EveryEmailModelHasAGoldenCase() => AssertEveryModelHasACase<IEmailModel>(Samples.Emails.Values);

    [Fact]
    public void EveryPageModelHasAGoldenCase() => AssertEveryModelHasACase<IPageModel>(PageSamples.Pages.Values);

    [Fact]
    public void EveryGoldenEmailFileBelongsToACase() =>
        AssertEveryFileBelongsToACase("Emails", Samples.Emails.Keys.SelectMany(name => new[] { $"{name}.subject.out.txt", $"{name}.out.html", $"{name}.out.txt" }));

    [Fact]
    public void EveryGoldenPageFileBelongsToACase() =>
        AssertEveryFileBelongsToACase("Pages", PageSamples.Pages.Keys.Select(name => $"{name}.out.html"));

    /// <summary>Fails unless every model type of the kind that has a template is among the samples' types.</summary>
    private static void AssertEveryModelHasACase<TModel>(IEnumerable<TModel> samples)
        where TModel : notnull
    {
        var models = typeof(TemplateRenderer).Assembly.GetTypes()
            .Where(type => typeof(TModel).IsAssignableFrom(type) && type.GetCustomAttribute<TemplateAttribute>() is not null);

        var covered = samples.Select(model => model.GetType()).ToHashSet();

        Assert.All(models, model => Assert.Contains(model, covered));
    }

    /// <summary>Fails if the golden folder holds a file that no sample renders to.</summary>
    private static void AssertEveryFileBelongsToACase(string folder, IEnumerable<string> expected)
    {
        var names = expected.ToHashSet();

        var files = Directory.GetFiles(Path.Combine(Golden.Directory(), folder)).Select(path => Path.GetFileName(path));

        Assert.All(files, file => Assert.Contains(file, names));
    }
}
