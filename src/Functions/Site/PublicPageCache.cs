using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace GoodThings.Site;

/// <summary>A public page or feed rendered once for every visitor: its bytes, their type and a strong ETag of them.</summary>
public sealed class RenderedPage
{
    /// <param name="fileName">Sent as an attachment under this name (a calendar file), or null for a page.</param>
    public RenderedPage(byte[] content, string contentType, string? fileName = null)
    {
        Content = content;
        ContentType = contentType;
        FileName = fileName;
        ETag = "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"";
    }

    public ReadOnlyMemory<byte> Content { get; }

    public string ContentType { get; }

    public string? FileName { get; }

    /// <summary>Quoted, and strong: the same bytes always give the same tag, so any instance answers 304 for them.</summary>
    public string ETag { get; }
}

/// <summary>
/// Rendered public pages and feeds, kept briefly on this instance so that a crowd sent to one page costs one storage
/// read and one render per lifetime (<see cref="SiteOptions.PageCacheLifetime"/>), not one per visitor. Only what every
/// visitor is shown alike may go in: never a page reached with a token, nor a form's answer. Counts on a cached page
/// may lag by up to a lifetime; an organiser's change calls <see cref="Changed"/> and shows at once on the instance
/// that made it (other instances catch up within a lifetime).
/// </summary>
/// <remarks>
/// Purpose-built rather than <c>Microsoft.Extensions.Caching.Memory</c>: its <c>GetOrCreateAsync</c> runs the
/// factory once per concurrent caller (no stampede guard), its clock is not a <see cref="TimeProvider"/>, and all
/// this needs is a bounded map of a few hundred entries dropped whole on any change.
/// </remarks>
public sealed class PublicPageCache(TimeProvider time, IOptions<SiteOptions> site)
{
    /// <summary>
    /// At most this many pages are kept: every published event's page and calendar plus the lists, with room to spare.
    /// Unknown slugs are never kept (a miss renders nothing), so the bound only bites with thousands of live events,
    /// and then the excess is rendered per request rather than kept.
    /// </summary>
    public const int MaxEntries = 1000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private TimeSpan Lifetime => site.Value.PageCacheLifetime;

    /// <summary>How many pages are kept now (rendered or rendering).</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// The page kept under <paramref name="key"/> while it is fresh; otherwise <paramref name="render"/> runs, once for
    /// all who ask meanwhile, and its page is kept. A null page (nothing there: a 404) is passed on and not kept, and
    /// neither is a failure, which every waiting caller sees.
    /// </summary>
    /// <param name="render">Runs detached from any one request (others may be waiting on it), so it takes no cancellation.</param>
    /// <param name="cancellationToken">Stops this caller's wait, not the render.</param>
    public async Task<RenderedPage?> GetOrRenderAsync(string key, Func<Task<RenderedPage?>> render, CancellationToken cancellationToken)
    {
        if (Lifetime <= TimeSpan.Zero)
        {
            return await render();
        }

        while (true)
        {
            var now = time.GetUtcNow();
            _entries.TryGetValue(key, out var existing);
            if (existing is not null && existing.IsFresh(now))
            {
                return await existing.Page.Task.WaitAsync(cancellationToken);
            }

            if (existing is null && _entries.Count >= MaxEntries && !MadeRoom(now))
            {
                return await render();
            }

            var mine = new Entry();
            if (existing is null ? !_entries.TryAdd(key, mine) : !_entries.TryUpdate(key, mine, existing))
            {
                // Another caller started a render for this key first: wait on theirs.
                continue;
            }

            _ = RenderAsync(key, mine, render);
            return await mine.Page.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Something public changed: every kept page goes, and the next request renders afresh.</summary>
    public void Changed() => _entries.Clear();

    private async Task RenderAsync(string key, Entry entry, Func<Task<RenderedPage?>> render)
    {
        try
        {
            var page = await render();
            if (page is null)
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
            else
            {
                entry.ExpiresAt = time.GetUtcNow() + Lifetime;
            }

            entry.Page.SetResult(page);
        }
        catch (Exception exception)
        {
            // Not kept, so the next request tries again; every caller waiting on this render gets the exception.
            _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            entry.Page.SetException(exception);
        }
    }

    /// <summary>Drops stale pages; true when that left room for another.</summary>
    private bool MadeRoom(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (!entry.IsFresh(now))
            {
                _entries.TryRemove(new KeyValuePair<string, Entry>(key, entry));
            }
        }

        return _entries.Count < MaxEntries;
    }

    private sealed class Entry
    {
        private long _expiresAtTicks = long.MaxValue;

        public TaskCompletionSource<RenderedPage?> Page { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Set before <see cref="Page"/> completes; until then the entry is a render in progress.</summary>
        public DateTimeOffset ExpiresAt
        {
            set => Volatile.Write(ref _expiresAtTicks, value.UtcTicks);
        }

        /// <summary>Rendering (join it), or rendered and not yet expired.</summary>
        public bool IsFresh(DateTimeOffset now) =>
            !Page.Task.IsCompleted || (Page.Task.IsCompletedSuccessfully && now.UtcTicks < Volatile.Read(ref _expiresAtTicks));
    }
}
