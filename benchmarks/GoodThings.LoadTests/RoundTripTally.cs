using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GoodThings.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace GoodThings.LoadTests;

/// <summary>Where a storage round trip was made from.</summary>
public enum RoundTripSource
{
    /// <summary>Inside an HTTP request's flow: reading the slug and event, and the lane's batch reads and transactions.</summary>
    RequestPath,

    /// <summary>
    /// The outbox relay, which the committing request starts in the background (so it runs in the request's flow):
    /// its queue sends and outbox-row deletes, the only queue or delete operations a registration request makes.
    /// </summary>
    Relay,

    /// <summary>Everything outside a request: the queue-triggered email sends, queue polling, timers, the bare loop.</summary>
    Outside,
}

/// <summary>
/// Sums the app's <c>GoodThings.Storage</c> round-trip counter for the whole process, split by where each round
/// trip came from. A measurement is recorded synchronously on the flow that sent the request, so a flag that
/// <see cref="MarkRequests"/> sets at the start of every HTTP request, and that flows into the work the request
/// starts, tells the request path from the rest.
/// </summary>
public sealed class RoundTripTally : IDisposable
{
    private static readonly AsyncLocal<bool> InRequest = new();
    private readonly ConcurrentDictionary<(RoundTripSource Source, string Service, string Method), StrongBox> _counts = new();
    private readonly MeterListener _listener = new();

    public RoundTripTally()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == StorageRoundTrips.MeterName && instrument.Name == StorageRoundTrips.InstrumentName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            string service = "", method = "";
            foreach (var tag in tags)
            {
                service = tag.Key == "service" ? tag.Value as string ?? "" : service;
                method = tag.Key == "method" ? tag.Value as string ?? "" : method;
            }

            var source = !InRequest.Value ? RoundTripSource.Outside
                : service == "queue" || method == "DELETE" ? RoundTripSource.Relay
                : RoundTripSource.RequestPath;
            Interlocked.Add(ref _counts.GetOrAdd((source, service, method), _ => new StrongBox()).Value, value);
        });
        _listener.Start();
    }

    public RoundTripSnapshot Snapshot() => new(_counts.ToDictionary(c => c.Key, c => Interlocked.Read(ref c.Value.Value)));

    public void Dispose() => _listener.Dispose();

    private sealed class StrongBox
    {
        public long Value;
    }

    /// <summary>Marks every request's flow before anything of the app runs.</summary>
    public sealed class MarkRequests : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, following) =>
            {
                InRequest.Value = true;
                await following(context);
            });
            next(app);
        };
    }
}

/// <summary>The counter's totals at one moment; subtract two to get what happened between them.</summary>
public sealed record RoundTripSnapshot(IReadOnlyDictionary<(RoundTripSource Source, string Service, string Method), long> Counts)
{
    public static RoundTripSnapshot operator -(RoundTripSnapshot after, RoundTripSnapshot before) =>
        new(after.Counts.ToDictionary(c => c.Key, c => c.Value - before.Counts.GetValueOrDefault(c.Key)));

    public long Total => Counts.Values.Sum();

    public long Of(RoundTripSource source) => Counts.Where(c => c.Key.Source == source).Sum(c => c.Value);

    /// <summary>By service and method, for reading where the round trips went: "table GET 2 110, queue POST 1 000, …".</summary>
    public string Breakdown() => string.Join(", ", Counts
        .Where(c => c.Value != 0)
        .GroupBy(c => (c.Key.Service, c.Key.Method))
        .OrderByDescending(g => g.Sum(c => c.Value))
        .Select(g => $"{g.Key.Service} {g.Key.Method} {g.Sum(c => c.Value)}"));
}
