
namespace GoodThings.Events;

public sealed class EventFanOutFunction(EventFanOut fanOut)
{
    [Function("EventFanOutFunction")]
    public Task Run([QueueTrigger("%StoragePrefix%-" + EventFanOut.QueueName)] FanOutRequest request, CancellationToken cancellationToken) =>
        fanOut.ExpandAsync(request, cancellationToken);
}
