using GoodThings.TestSupport.Browser;

namespace GoodThings.Templates.Tests.Browser;

/// <summary>Every sample page rendered once and served, with the app's headers, for the browser tests to open.</summary>
public sealed class SamplePagesFixture : IAsyncLifetime
{
    private PageServer? _server;

    /// <summary>Every golden sample, plus pages of hostile input that must still fit the screen.</summary>
    public static IReadOnlyDictionary<string, IPageModel> Pages { get; } =
        PageSamples.Pages.Concat(HostilePages.Samples).ToDictionary();

    internal PageServer Server => _server ?? throw new InvalidOperationException("The page server did not start.");

    public async Task InitializeAsync()
    {
        var renderer = new TemplateRenderer(Samples.Site);
        _server = await PageServer.StartAsync(Pages.ToDictionary(page => page.Key, page => renderer.RenderPage(page.Value)));
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<SamplePagesFixture>
{
    public const string Name = "Browser";
}
