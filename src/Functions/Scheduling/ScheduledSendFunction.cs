namespace GoodThings.Scheduling;

public sealed class ScheduledSendFunction(ScheduledSends sends)
{
    [Function("ScheduledSendFunction")]
    public Task Run([QueueTrigger("%StoragePrefix%-" + ScheduledSends.QueueName)] ScheduledRun run, CancellationToken cancellationToken) =>
        sends.RunAsync(run, cancellationToken);
}
