
namespace GoodThings.Subscriptions;

public sealed class AnnouncementFunction(Announcements announcements)
{
    [Function("AnnouncementFunction")]
    public Task Run([QueueTrigger("%StoragePrefix%-" + Announcements.QueueName)] AnnouncementRequest request, CancellationToken cancellationToken) =>
        announcements.ExpandAsync(request, cancellationToken);
}
