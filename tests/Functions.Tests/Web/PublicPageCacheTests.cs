using GoodThings.Site;

namespace GoodThings.Web;

/// <summary>The per-instance cache of public pages on its own: one render per key at a time, expiry on the clock, bounds.</summary>
public sealed class PublicPageCacheTests
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    private PublicPageCache Cache(TimeSpan? lifetime = null) =>
        new(_time, Options.Create(new SiteOptions { BaseUrl = "https://events.example.org", PageCacheLifetime = lifetime ?? Lifetime }));

    private static RenderedPage Page(string text) => new(Encoding.UTF8.GetBytes(text), "text/html; charset=utf-8");

    private static string Text(RenderedPage? page) => Encoding.UTF8.GetString(Assert.IsType<RenderedPage>(page).Content.Span);

    [Fact]
    public async Task ACrowdAskingAtOnceGetsOneRender()
    {
        var cache = Cache();
        var renders = 0;
        var release = new TaskCompletionSource<RenderedPage?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var crowd = Enumerable.Range(0, 50)
            .Select(_ => Task.Run(() => cache.GetOrRenderAsync("event a", () => { Interlocked.Increment(ref renders); return release.Task; }, CancellationToken.None)))
            .ToArray();

        await Eventually.GetAsync(() => Task.FromResult(cache.Count), count => count == 1, because: "the first caller's render is under way");
        release.SetResult(Page("the page"));
        var pages = await Task.WhenAll(crowd);

        Assert.Equal(1, renders);
        Assert.All(pages, page => Assert.Equal("the page", Text(page)));
    }

    [Fact]
    public async Task APageIsKeptForItsLifetimeAndRenderedAgainAfter()
    {
        var cache = Cache();
        var version = 0;
        Task<RenderedPage?> Render() => Task.FromResult<RenderedPage?>(Page($"version {++version}"));

        var first = await cache.GetOrRenderAsync("home", Render, CancellationToken.None);
        _time.Advance(Lifetime - TimeSpan.FromMilliseconds(1));
        var withinLifetime = await cache.GetOrRenderAsync("home", Render, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        var afterLifetime = await cache.GetOrRenderAsync("home", Render, CancellationToken.None);

        Assert.Equal("version 1", Text(first));
        Assert.Equal("version 1", Text(withinLifetime));
        Assert.Equal("version 2", Text(afterLifetime));
    }

    [Fact]
    public async Task AChangeDropsEveryKeptPageAtOnce()
    {
        var cache = Cache();
        var version = 0;
        Task<RenderedPage?> Render() => Task.FromResult<RenderedPage?>(Page($"version {++version}"));
        await cache.GetOrRenderAsync("home", Render, CancellationToken.None);
        await cache.GetOrRenderAsync("event a", Render, CancellationToken.None);

        cache.Changed();

        Assert.Equal(0, cache.Count);
        Assert.Equal("version 3", Text(await cache.GetOrRenderAsync("home", Render, CancellationToken.None)));
    }

    [Fact]
    public async Task ARenderUnderWayWhenAChangeLandsIsNotServedToLaterCallers()
    {
        var cache = Cache();
        var before = new TaskCompletionSource<RenderedPage?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var early = cache.GetOrRenderAsync("event a", () => before.Task, CancellationToken.None);

        cache.Changed();
        var late = await cache.GetOrRenderAsync("event a", () => Task.FromResult<RenderedPage?>(Page("after the change")), CancellationToken.None);
        before.SetResult(Page("before the change"));

        Assert.Equal("before the change", Text(await early));
        Assert.Equal("after the change", Text(late));
        Assert.Equal("after the change", Text(await cache.GetOrRenderAsync("event a", () => Task.FromResult<RenderedPage?>(Page("again")), CancellationToken.None)));
    }

    [Fact]
    public async Task NothingThereAndFailuresAreNotKept()
    {
        var cache = Cache();

        var missing = await cache.GetOrRenderAsync("event gone", () => Task.FromResult<RenderedPage?>(null), CancellationToken.None);
        var failure = await Assert.ThrowsAsync<TimeoutException>(() => cache.GetOrRenderAsync("event a", () => throw new TimeoutException("storage"), CancellationToken.None));
        var afterFailure = await cache.GetOrRenderAsync("event a", () => Task.FromResult<RenderedPage?>(Page("recovered")), CancellationToken.None);

        Assert.Null(missing);
        Assert.Equal("storage", failure.Message);
        Assert.Equal("recovered", Text(afterFailure));
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task AtMostMaxEntriesAreKept()
    {
        var cache = Cache();

        for (var i = 0; i < PublicPageCache.MaxEntries + 50; i++)
        {
            Assert.Equal($"event {i}", Text(await cache.GetOrRenderAsync($"event {i}", () => Task.FromResult<RenderedPage?>(Page($"event {i}")), CancellationToken.None)));
        }

        Assert.Equal(PublicPageCache.MaxEntries, cache.Count);
        _time.Advance(Lifetime);
        await cache.GetOrRenderAsync("one more", () => Task.FromResult<RenderedPage?>(Page("one more")), CancellationToken.None);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task ALifetimeOfZeroKeepsNothing()
    {
        var cache = Cache(TimeSpan.Zero);
        var renders = 0;

        for (var i = 0; i < 3; i++)
        {
            await cache.GetOrRenderAsync("home", () => Task.FromResult<RenderedPage?>(Page($"render {++renders}")), CancellationToken.None);
        }

        Assert.Equal(3, renders);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void TheETagIsStrongAndFollowsTheBytes()
    {
        var one = Page("one");

        Assert.Matches("^\"[0-9a-f]{32}\"$", one.ETag);
        Assert.Equal(one.ETag, Page("one").ETag);
        Assert.NotEqual(one.ETag, Page("two").ETag);
    }
}
