using Microsoft.Azure.Functions.Worker;

namespace GoodThings.Subscriptions;

/// <summary>A request to start the double opt-in, recorded by another feature's transaction (a registration that ticked the box).</summary>
public sealed record SubscriptionRequest(string Email, string? Name, string Source);

public sealed class SubscriptionRequests(SubscriptionService subscriptions)
{
    public const string QueueName = "subscribe";
    public const string TriggerQueueName = "%Storage:Prefix%-" + QueueName;

    [Function("SubscriptionRequest")]
    public Task Run([QueueTrigger(TriggerQueueName)] SubscriptionRequest request, CancellationToken cancellationToken) =>
        subscriptions.RequestAsync(new SubscriptionInput(request.Email, request.Name, []), request.Source, cancellationToken);
}
