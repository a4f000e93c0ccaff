
namespace GoodThings.Registrations;

public sealed class WaitlistPromotionFunction(Waitlist waitlist)
{
    [Function("WaitlistPromotionFunction")]
    public Task Run([QueueTrigger("%StoragePrefix%-" + Waitlist.QueueName)] PromotionRequest request, CancellationToken cancellationToken) =>
        waitlist.PromoteAllAsync(request.EventId, cancellationToken);
}
