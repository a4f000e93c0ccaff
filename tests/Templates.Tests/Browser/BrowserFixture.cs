using GoodThings.Templates.Pages;
using GoodThings.TestSupport.Browser;

namespace GoodThings.Templates.Tests.Browser;

/// <summary>One Chromium and one page server for every browser test in the collection.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private AxeBrowser? _browser;
    private PageServer? _server;

    /// <summary>Every golden sample, plus pages of hostile input that must still fit the screen.</summary>
    public static IReadOnlyDictionary<string, IPageModel> Pages { get; } =
        PageSamples.Pages.Concat(HostilePages.Samples).ToDictionary();

    public AxeBrowser Browser => _browser ?? throw new InvalidOperationException("The browser did not start.");

    internal PageServer Server => _server ?? throw new InvalidOperationException("The page server did not start.");

    public async Task InitializeAsync()
    {
        var renderer = new TemplateRenderer(Samples.Site);
        _server = await PageServer.StartAsync(Pages.ToDictionary(page => page.Key, page => renderer.RenderPage(page.Value)));
        // Chromium missing fails every test here with the launcher's message: these checks never skip.
        _browser = await AxeBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
