namespace GoodThings.TestSupport.Browser;

/// <summary>
/// One Chromium for every test in a class or collection: a launch takes about a second, a page far less. Pair it
/// with the fixture that serves what the tests open (the running app, or rendered sample pages).
/// </summary>
public sealed class BrowserFixture : Xunit.IAsyncLifetime
{
    private AxeBrowser? _browser;

    public AxeBrowser Browser => _browser ?? throw new InvalidOperationException("The browser did not start.");

    // Chromium missing fails every test here with the launcher's message: these checks never skip.
    public async Task InitializeAsync() => _browser = await AxeBrowser.LaunchAsync();

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
    }
}
