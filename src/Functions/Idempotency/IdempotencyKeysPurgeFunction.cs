namespace GoodThings.Idempotency;

/// <summary>Deletes idempotency keys past their 24 h, once a day, so the table holds about a day of keys.</summary>
public sealed class IdempotencyKeysPurgeFunction(IdempotencyKeys keys, ILogger<IdempotencyKeysPurgeFunction> logger)
{
    [Function("IdempotencyKeysPurge")]
    public async Task Run([TimerTrigger("0 17 3 * * *")] TimerInfo timer, CancellationToken cancellationToken)
    {
        var deleted = await keys.PurgeExpiredAsync(cancellationToken);
        logger.LogInformation("Deleted {Count} expired idempotency keys.", deleted);
    }
}
