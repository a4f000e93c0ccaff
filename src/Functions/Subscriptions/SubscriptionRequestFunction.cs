
namespace GoodThings.Subscriptions;

public sealed class SubscriptionRequestFunction(SubscriptionService subscriptions)
{
    [Function("SubscriptionRequest")]
    public Task Run([QueueTrigger("%StoragePrefix%-" + SubscriptionService.RequestQueueName)] SubscriptionRequest request, CancellationToken cancellationToken) =>
        subscriptions.RequestAsync(new SubscriptionInput(request.Email, request.Name, request.Topics), request.Source, cancellationToken);
}
