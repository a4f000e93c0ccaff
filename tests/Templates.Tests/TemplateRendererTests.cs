using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace GoodThings.Templates.Tests;

public sealed class TemplateRendererTests
{
    private static TemplateRenderer WithTemplates(params (string Key, string Source)[] overrides) =>
        new(Samples.Site, overrides.ToDictionary(o => o.Key, o => o.Source));

    [Fact]
    public void EveryEmbeddedTemplateParsesAndMatchesItsModel()
    {
        var renderer = new TemplateRenderer(Samples.Site);

        Assert.NotNull(renderer);
    }

    [Theory]
    [InlineData("Emails/Reminder.html", "{{ if }}", "Emails/Reminder.html.scriban")] // does not parse
    [InlineData("Emails/Reminder.html", "{{ if false }}{{ recipient_nmae }}{{ end }}", "Emails/Reminder.html.scriban(1,18): unknown variable `recipient_nmae`")] // a misspelt variable, even in a branch no test takes
    [InlineData("Emails/Reminder.text", "{{ event.tittle }}", "`EventDetails` has no member `tittle`")] // a misspelt member of a known type
    [InlineData("Emails/FollowUpMissed.html", "{{ partial \"ManageButton\" }}", "unknown variable `manage_url`")] // a partial using what the including model lacks
    [InlineData("Emails/Reminder.html", "{{ partial \"Nope\" }}", "no partial `Nope`")] // a missing partial
    [InlineData("Emails/Forgotten.html", "hello", "Emails/Forgotten.html.scriban: no model names this template.")] // a template no model names
    public void AFaultyTemplateFailsConstructionSayingWhereAndWhy(string key, string source, string expected)
    {
        var error = Assert.Throws<TemplateException>(() => WithTemplates((key, source)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTemplateErrorIsListedAtOnce()
    {
        var error = Assert.Throws<TemplateException>(() => WithTemplates(
            ("Emails/Reminder.html", "{{ nope_one }}"),
            ("Layouts/Page.html", "{{ nope_two }}")));

        Assert.Contains("nope_one", error.Message, StringComparison.Ordinal);
        Assert.Contains("nope_two", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownVariableFailsAtRenderTime()
    {
        var template = Template.Parse("Hi {{ nmae }}");

        Assert.Throws<ScriptRuntimeException>(() => template.Render(new HtmlContext(new ScriptObject(), "Emails")));
    }

    [Fact]
    public void AModelWithoutTemplatesIsRefused()
    {
        var renderer = new TemplateRenderer(Samples.Site);

        Assert.Throws<TemplateException>(() => renderer.RenderEmail(new Unregistered()));
    }

    [Fact]
    public void RenderingFromManyThreadsAtOnceGivesTheSameOutput()
    {
        var renderer = new TemplateRenderer(Samples.Site);
        var models = Samples.Emails.Values.ToArray();
        var expected = models.Select(renderer.RenderEmail).ToArray();

        var results = new RenderedEmail[models.Length * 20];
        Parallel.For(0, results.Length, i => results[i] = renderer.RenderEmail(models[i % models.Length]));

        Assert.All(Enumerable.Range(0, results.Length), i => Assert.Equal(expected[i % models.Length], results[i]));
    }

    private sealed record Unregistered : IEmailModel
    {
        public string? RecipientName => null;

        public string FooterReason => "";

        public string? UnsubscribeUrl => null;
    }
}
