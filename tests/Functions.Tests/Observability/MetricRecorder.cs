using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using GoodThings.Telemetry;

namespace GoodThings.Observability;

/// <summary>Records every measurement of the app's own meter while it lives, to count by instrument and tags.</summary>
public sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, Dictionary<string, string?> Tags)> _measurements = new();

    public MetricRecorder()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AppTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var copied = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var tag in tags)
            {
                copied[tag.Key] = tag.Value as string;
            }

            _measurements.Enqueue((instrument.Name, value, copied));
        });
        _listener.Start();
    }

    /// <summary>The sum recorded on <paramref name="instrument"/> with every one of <paramref name="tags"/>.</summary>
    public long Sum(string instrument, params (string Key, string Value)[] tags) =>
        _measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.GetValueOrDefault(t.Key) == t.Value)).Sum(m => m.Value);

    /// <summary>The sums recorded on <paramref name="instrument"/> by the value of one tag.</summary>
    public IReadOnlyDictionary<string, long> By(string instrument, string tag) =>
        _measurements.Where(m => m.Instrument == instrument)
            .GroupBy(m => m.Tags.GetValueOrDefault(tag) ?? "")
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value), StringComparer.Ordinal);

    public void Dispose() => _listener.Dispose();
}

/// <summary>
/// Counters and listeners are process-wide, so the tests that count, or that need nothing else listening, run alone,
/// after the parallel ones: any other app registering or answering 503 at the same time would be counted too.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RunsAlone
{
    public const string Name = "Observability, alone";
}
