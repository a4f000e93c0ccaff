using System.Collections.Concurrent;
using Microsoft.AspNetCore.Mvc;

namespace GoodThings.LocalRunner.Tests.TestApp;

/// <summary>What the test functions saw, for tests to assert on.</summary>
public sealed class InvocationLog
{
    private readonly ConcurrentQueue<(string Function, object? Detail)> _entries = new();
    private int _running;
    private int _maxConcurrent;

    public IReadOnlyList<(string Function, object? Detail)> Entries => [.. _entries];

    public int MaxConcurrent => _maxConcurrent;

    public IReadOnlyList<T> Of<T>(string function) => [.. _entries.Where(e => e.Function == function).Select(e => (T)e.Detail!)];

    public void Record(string function, object? detail) => _entries.Enqueue((function, detail));

    public IDisposable Running()
    {
        var now = Interlocked.Increment(ref _running);
        int seen;
        while (now > (seen = _maxConcurrent) && Interlocked.CompareExchange(ref _maxConcurrent, now, seen) != seen)
        {
        }

        return new Release(this);
    }

    private sealed class Release(InvocationLog log) : IDisposable
    {
        public void Dispose() => Interlocked.Decrement(ref log._running);
    }
}

public static class RoutingFunctions
{
    [Function("ItemById")]
    public static IActionResult ItemById([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items/{id:int}")] HttpRequest request, int id) =>
        new OkObjectResult(new { route = "byId", id });

    [Function("ItemByName")]
    public static IActionResult ItemByName([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "items/{name:alpha}")] HttpRequest request, string name) =>
        new OkObjectResult(new { route = "byName", name });

    [Function("Home")]
    public static IActionResult Home([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{ignored:maxlength(0)?}")] HttpRequest request) =>
        new ContentResult { Content = "home", ContentType = "text/plain" };

    [Function("CreateThing")]
    public static async Task<IActionResult> CreateThing([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "things")] HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(cancellationToken);
        return new CreatedResult("/things/1", new { received = body, cancellable = cancellationToken.CanBeCanceled });
    }

    [Function("Secure")]
    public static IActionResult Secure([HttpTrigger(AuthorizationLevel.Function, "get", Route = "secure/ping")] HttpRequest request) =>
        new OkObjectResult(new { secret = "pong" });

    [Function("AdminLevel")]
    public static IActionResult AdminLevel([HttpTrigger(AuthorizationLevel.Admin, "get", Route = "secure/admin-level")] HttpRequest request) =>
        new OkObjectResult(new { secret = "admin" });

    [Function("Boom")]
    public static IActionResult Boom([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "boom")] HttpRequest request) =>
        throw new InvalidOperationException("sensitive detail that must not leak");

    [Function("Results")]
    public static IResult ResultsRoute([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "minimal/{value:guid}")] HttpRequest request, Guid value) =>
        Microsoft.AspNetCore.Http.Results.Ok(new { value });
}

public sealed class TimerFunctions(InvocationLog log)
{
    [Function("Tick")]
    public async Task Tick([TimerTrigger("%TickSchedule%")] TimerInfo timer, CancellationToken cancellationToken)
    {
        using var running = log.Running();
        log.Record("Tick", timer);
        if (timer.IsPastDue)
        {
            return;
        }

        // Longer than the every-second schedule, so overlapping runs would show.
        await Task.Delay(TimeSpan.FromMilliseconds(1500), cancellationToken);
    }
}

public sealed record WorkItem(string Id, int FailTimes);

public sealed record HeldItem(string Id, int HoldMilliseconds);

public sealed record HeldRun(string Id, long DequeueCount, DateTimeOffset StartedAt, DateTimeOffset? NextVisibleAt);

public sealed class QueueFunctions(InvocationLog log)
{
    [Function("Work")]
    public void Work([QueueTrigger("%WorkQueue%")] WorkItem item, long dequeueCount)
    {
        log.Record("Work", item with { FailTimes = (int)dequeueCount });
        if (dequeueCount <= item.FailTimes)
        {
            throw new InvalidOperationException($"Planned failure {dequeueCount} of {item.FailTimes}.");
        }
    }

    [Function("RawText")]
    public void RawText([QueueTrigger("%RawQueue%")] string message) => log.Record("RawText", message);

    /// <summary>Runs for <see cref="HeldItem.HoldMilliseconds"/>, recording when its message becomes visible again.</summary>
    [Function("Hold")]
    public async Task Hold([QueueTrigger("%HoldQueue%")] HeldItem item, long dequeueCount, DateTimeOffset? nextVisibleTime, CancellationToken cancellationToken)
    {
        log.Record("Hold", new HeldRun(item.Id, dequeueCount, DateTimeOffset.UtcNow, nextVisibleTime));
        await Task.Delay(item.HoldMilliseconds, cancellationToken);
    }
}
