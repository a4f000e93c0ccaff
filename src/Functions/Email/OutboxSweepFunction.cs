
namespace GoodThings.Email;

public sealed class OutboxSweepFunction(OutboxRelay relay, IEnumerable<IOutboxRows> sources)
{
    [Function("OutboxSweepFunction")]
    public Task Run([TimerTrigger("%TimersSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        relay.SweepAsync(sources, cancellationToken);
}
