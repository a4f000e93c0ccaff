using System.Diagnostics.Metrics;
using Azure.Core;
using Azure.Core.Pipeline;

namespace GoodThings.Storage;

/// <summary>
/// Counts every request a storage client sends, retries included, on the <see cref="MeterName"/> meter: one
/// round trip each, tagged by service (<c>table</c> or <c>queue</c>) and HTTP method. A round trip, not a
/// byte, is what storage bills and what bounds a request's latency, so it is the number to watch per operation.
/// </summary>
public sealed class StorageRoundTrips(string service) : HttpPipelineSynchronousPolicy
{
    public const string MeterName = "GoodThings.Storage";

    public const string InstrumentName = "goodthings.storage.round_trips";

    // Static: one meter for the process, whatever the number of clients, as exporters expect.
    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> RoundTrips = Meter.CreateCounter<long>(
        InstrumentName, unit: "{round_trip}", description: "Requests sent to Azure Table or Queue storage, each retry counted.");

    private readonly KeyValuePair<string, object?> _service = new("service", service);

    public override void OnSendingRequest(HttpMessage message) =>
        RoundTrips.Add(1, _service, new KeyValuePair<string, object?>("method", message.Request.Method.Method));
}
