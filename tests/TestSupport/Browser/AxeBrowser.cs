using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace GoodThings.TestSupport.Browser;

/// <summary>
/// Headless Chromium driven by Playwright, with axe-core for accessibility checks. Uses the machine's
/// Chromium (Debian's <c>chromium</c> at <c>/usr/bin/chromium</c>, or <c>GOODTHINGS_CHROMIUM</c>), never a
/// browser Playwright downloads, and the axe-core that <c>npm ci</c> puts in the repository's
/// <c>node_modules</c>. Launch one per test class or collection (a launch takes about a second); open a
/// fresh <see cref="BrowserPage"/> per check. Thread-safe for opening pages.
/// </summary>
/// <example>
/// <code>
/// await using var browser = await AxeBrowser.LaunchAsync();
/// await using var page = await browser.OpenAsync("http://127.0.0.1:5000/", width: 320);
/// var report = await page.CheckAccessibilityAsync();
/// Assert.True(report.Passed, report.Describe());
/// Assert.True(await page.ScrollWidthAsync() &lt;= 320);
/// </code>
/// </example>
public sealed class AxeBrowser : IAsyncDisposable
{
    /// <summary>Where Debian's <c>chromium</c> package puts the browser.</summary>
    public const string DefaultChromiumPath = "/usr/bin/chromium";

    /// <summary>Environment variable naming another Chromium executable.</summary>
    public const string ChromiumPathVariable = "GOODTHINGS_CHROMIUM";

    /// <summary>The WCAG 2.2 AA rule sets: everything up to AA in WCAG 2.0, 2.1 and 2.2.</summary>
    public static readonly IReadOnlyList<string> WcagAaTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    // Quiet, offline, and able to run as root in a container.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private AxeBrowser(IPlaywright playwright, IBrowser browser, string axeScriptPath)
    {
        _playwright = playwright;
        _browser = browser;
        AxeScriptPath = axeScriptPath;
    }

    /// <summary>The <c>axe.min.js</c> injected into pages.</summary>
    public string AxeScriptPath { get; }

    /// <summary>Starts headless Chromium.</summary>
    /// <exception cref="InvalidOperationException">Chromium or axe-core is missing, saying how to install it.</exception>
    public static async Task<AxeBrowser> LaunchAsync()
    {
        var chromium = ChromiumPath();
        var axe = FindAxeScript();
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = chromium,
                Headless = true,
                Args = ChromiumArgs,
            });
            return new AxeBrowser(playwright, browser, axe);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>Opens <paramref name="url"/> in a new browser context of the given viewport width.</summary>
    /// <param name="url">Only loopback addresses belong here.</param>
    /// <param name="width">Viewport width in CSS pixels: 1280 for a desktop, 320 for the narrowest phone (WCAG 1.4.10).</param>
    /// <param name="bypassCsp">
    /// True (the default) lets axe's script into a page whose Content-Security-Policy forbids script, as
    /// the app's pages rightly do. Pass false to load a page under its own policy and see what it blocks.
    /// </param>
    /// <param name="requireSuccess">True (the default) throws when the page answers other than 2xx; pass false to check a 404 page.</param>
    /// <remarks>Contexts ask for reduced motion, so what is checked never moves mid-check.</remarks>
    /// <exception cref="InvalidOperationException">The page answered other than 2xx while <paramref name="requireSuccess"/>.</exception>
    /// <param name="javaScriptEnabled">False to use the site as a browser without JavaScript does (axe then cannot run).</param>
    public async Task<BrowserPage> OpenAsync(string url, int width = 1280, int height = 900, bool bypassCsp = true, bool requireSuccess = true, bool javaScriptEnabled = true)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BypassCSP = bypassCsp,
            ReducedMotion = ReducedMotion.Reduce,
            JavaScriptEnabled = javaScriptEnabled,
        });
        try
        {
            var page = await context.NewPageAsync();
            var console = new List<string>();
            page.Console += (_, message) =>
            {
                lock (console)
                {
                    console.Add($"{message.Type}: {message.Text}");
                }
            };
            var response = await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
            // data: and about: URLs have no response.
            if (requireSuccess && response is { Ok: false })
            {
                throw new InvalidOperationException($"GET {url} answered {response.Status.ToString(CultureInfo.InvariantCulture)}.");
            }
            return new BrowserPage(context, page, AxeScriptPath, console, response?.Status);
        }
        catch
        {
            await context.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable(ChromiumPathVariable) is { Length: > 0 } configured ? configured : DefaultChromiumPath;
        return File.Exists(path)
            ? path
            : throw new InvalidOperationException(
                $"Chromium is not installed at {path}, so pages cannot be checked in a browser. " +
                $"Install Debian's package (apt-get install chromium) or set {ChromiumPathVariable} to a Chromium executable. " +
                "Playwright's own browser download does not work on this project's machines.");
    }

    /// <summary>Walks up from the test binaries to the repository root (the folder with package.json).</summary>
    private static string FindAxeScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "package.json")))
            {
                var axe = Path.Combine(directory.FullName, "node_modules", "axe-core", "axe.min.js");
                return File.Exists(axe)
                    ? axe
                    : throw new InvalidOperationException($"axe-core is not installed ({axe} is missing): run `npm ci` in {directory.FullName}.");
            }
        }
        throw new InvalidOperationException($"No package.json above {AppContext.BaseDirectory}, so axe-core cannot be found.");
    }
}

/// <summary>One page in its own browser context; disposing it closes both.</summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private const string RunAxe = """
        async tags => {
          const results = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return JSON.stringify(results.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(n => ({ target: n.target.map(t => String(t)), html: n.html, failureSummary: n.failureSummary }))
          })));
        }
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly IBrowserContext _context;
    private readonly string _axeScriptPath;
    private readonly List<string> _console;

    internal BrowserPage(IBrowserContext context, IPage page, string axeScriptPath, List<string> console, int? status)
    {
        _context = context;
        Page = page;
        _axeScriptPath = axeScriptPath;
        _console = console;
        Status = status;
    }

    /// <summary>The HTTP status the page was opened with; null for data: and about: URLs.</summary>
    public int? Status { get; }

    /// <summary>The Playwright page, for anything else a test needs (clicks, form filling, locators).</summary>
    public IPage Page { get; }

    /// <summary>What the page wrote to the console so far, as "type: text" (CSP violations show up here).</summary>
    public IReadOnlyList<string> ConsoleMessages
    {
        get
        {
            lock (_console)
            {
                return [.. _console];
            }
        }
    }

    /// <summary>Runs axe-core on the page as it is now (after clicks or navigation too: axe is injected where missing).</summary>
    /// <param name="tags">axe rule tags; <see cref="AxeBrowser.WcagAaTags"/> when null.</param>
    public async Task<AxeReport> CheckAccessibilityAsync(IEnumerable<string>? tags = null)
    {
        if (!await Page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await Page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = _axeScriptPath });
        }
        var json = await Page.EvaluateAsync<string>(RunAxe, (tags ?? AxeBrowser.WcagAaTags).ToArray());
        var violations = JsonSerializer.Deserialize<List<AxeViolation>>(json, Json) ?? [];
        return new AxeReport(Page.Url, Page.ViewportSize?.Width ?? 0, violations);
    }

    /// <summary>The document's full width in CSS pixels; more than the viewport means a horizontal scroll bar.</summary>
    public Task<int> ScrollWidthAsync() => Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}

/// <summary>What axe-core found on one page at one width.</summary>
public sealed record AxeReport(string Url, int Width, IReadOnlyList<AxeViolation> Violations)
{
    public bool Passed => Violations.Count == 0;

    /// <summary>Each violation with the elements it concerns, readable in a test failure.</summary>
    public string Describe()
    {
        if (Passed)
        {
            return $"{Url} at {Width}px: no accessibility violations.";
        }
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"{Url} at {Width}px: {Violations.Count} accessibility violation(s)\n");
        foreach (var violation in Violations)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"- {violation.Id} ({violation.Impact}): {violation.Help}\n  {violation.HelpUrl}\n");
            foreach (var node in violation.Nodes)
            {
                text.Append(CultureInfo.InvariantCulture, $"  {string.Join(" ", node.Target)}: {node.Html}\n");
                if (!string.IsNullOrWhiteSpace(node.FailureSummary))
                {
                    text.Append("    ").Append(node.FailureSummary.ReplaceLineEndings("\n    ")).Append('\n');
                }
            }
        }
        return text.ToString();
    }

    public override string ToString() => Describe();
}

public sealed record AxeViolation(
    string Id,
    string? Impact,
    string Help,
    string HelpUrl,
    IReadOnlyList<AxeNode> Nodes);

/// <param name="Target">CSS selectors that find the element.</param>
public sealed record AxeNode(IReadOnlyList<string> Target, string Html, string? FailureSummary);
