namespace GoodThings.Scheduling;

public sealed class ScheduledSendFunction(ScheduledSends sends)
{
    [Function("ScheduledSendFunction")]
    public Task Run([QueueTrigger("%Storage:Prefix%-" + ScheduledSends.QueueName)] ScheduledRun run, CancellationToken cancellationToken) =>
        sends.RunAsync(run, cancellationToken);
}
