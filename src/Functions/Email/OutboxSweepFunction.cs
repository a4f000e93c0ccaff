using GoodThings.Events;
using Microsoft.Azure.Functions.Worker;

namespace GoodThings.Email;

public sealed class OutboxSweepFunction(OutboxRelay relay)
{
    [Function(nameof(OutboxSweepFunction))]
    public async Task Run([TimerTrigger("30 * * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        await relay.SweepAsync(EventRows.TableName, cancellationToken);
}
