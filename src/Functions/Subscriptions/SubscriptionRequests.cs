using Microsoft.Azure.Functions.Worker;

namespace GoodThings.Subscriptions;

/// <summary>A request to start the double opt-in, from the form, the API or a registration that ticked the box.</summary>
/// <param name="Topics">Null when not given; see <see cref="SubscriptionInput.Topics"/>.</param>
public sealed record SubscriptionRequest(string Email, string? Name, string Source, IReadOnlyList<string>? Topics);

public sealed class SubscriptionRequests(SubscriptionService subscriptions)
{
    public const string QueueName = "subscribe";
    public const string TriggerQueueName = "%Storage:Prefix%-" + QueueName;

    [Function("SubscriptionRequest")]
    public Task Run([QueueTrigger(TriggerQueueName)] SubscriptionRequest request, CancellationToken cancellationToken) =>
        subscriptions.RequestAsync(new SubscriptionInput(request.Email, request.Name, request.Topics), request.Source, cancellationToken);
}
