namespace GoodThings.Scheduling;

public sealed class SchedulePassFunction(SchedulePass pass)
{
    [Function("SchedulePassFunction")]
    public Task Run([TimerTrigger("%Timers:Schedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        pass.RunAsync(cancellationToken);
}
