using GoodThings.Events;
using Microsoft.Azure.Functions.Worker;

namespace GoodThings.Email;

public sealed class OutboxSweepFunction(OutboxRelay relay, EventStore events)
{
    [Function(nameof(OutboxSweepFunction))]
    public async Task Run([TimerTrigger("30 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        await relay.SweepAsync(EventRows.TableName, await events.ListIdsAsync(cancellationToken), cancellationToken);
}
