using Azure.Core;
using Azure.Core.Pipeline;

namespace GoodThings.Scheduling;

/// <summary>Counts what a storage client sends: every request is one storage round trip, retries included.</summary>
public sealed class RoundTripCounter : HttpPipelineSynchronousPolicy
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public override void OnSendingRequest(HttpMessage message) => Interlocked.Increment(ref _count);
}
