
namespace GoodThings.Templates.Tests;

public sealed class GoldenEmailTests
{
    private static readonly TemplateRenderer Renderer = new(Samples.Site);

    public static TheoryData<string> Cases => [.. Samples.Emails.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void EmailRendersAsItsGoldenFiles(string name)
    {
        var email = Renderer.RenderEmail(Samples.Emails[name]);

        Golden.Match($"Emails/{name}.subject.out.txt", email.Subject + "\n");
        Golden.Match($"Emails/{name}.out.html", email.Html);
        Golden.Match($"Emails/{name}.out.txt", email.Text);
    }

    [Fact]
    public void EveryEmailModelHasAGoldenCase()
    {
        var models = typeof(TemplateRenderer).Assembly.GetTypes()
            .Where(type => typeof(IEmailModel).IsAssignableFrom(type) && type.GetCustomAttribute<TemplateAttribute>() is not null);

        var covered = Samples.Emails.Values.Select(model => model.GetType()).ToHashSet();

        Assert.All(models, model => Assert.Contains(model, covered));
    }

    [Fact]
    public void EveryGoldenFileBelongsToACase()
    {
        var expected = Samples.Emails.Keys
            .SelectMany(name => new[] { $"{name}.subject.out.txt", $"{name}.out.html", $"{name}.out.txt" })
            .ToHashSet();

        var files = Directory.GetFiles(Path.Combine(Golden.Directory(), "Emails")).Select(path => Path.GetFileName(path));

        Assert.All(files, file => Assert.Contains(file, expected));
    }
}
