
namespace GoodThings.Health;

public sealed class StorageHealthCheck(TableServiceClient tables, ILogger<StorageHealthCheck> logger)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>True when Table Storage answers a one-row query within a few seconds.</summary>
    public async Task<bool> IsHealthyAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await foreach (var _ in tables.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token).AsPages(pageSizeHint: 1))
            {
                break;
            }

            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Whatever the failure (refused, timed out, retries exhausted as an AggregateException), the answer is "unhealthy".
            logger.LogWarning(exception, "Table Storage health probe failed");
            return false;
        }
    }
}
