namespace GoodThings.Scheduling;

public sealed class SchedulePassFunction(SchedulePass pass)
{
    [Function("SchedulePassFunction")]
    public Task Run([TimerTrigger("%TimersSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        pass.RunAsync(cancellationToken);
}
