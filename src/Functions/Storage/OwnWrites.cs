using Azure;

namespace GoodThings.Storage;

/// <summary>
/// Writes that stay right when storage applies them but their answer is lost: the SDK then sends the same request
/// again, and the repeat fails (409 or 412) on the very rows the first one wrote.
/// </summary>
public static class OwnWrites
{
    /// <summary>
    /// Adds a row under a key the caller has just made up (a fresh id). A 409 can then only be this add's own repeat,
    /// so the row is there as asked.
    /// </summary>
    public static async Task AddNewAsync(this TableClient table, ITableEntity entity, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(entity, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 409)
        {
            // Nobody else can know the key: the first attempt was applied.
        }
    }

    /// <summary>A mark that names one commit, written on the row that guards the transaction.</summary>
    public static string NewCommitId() => Guid.NewGuid().ToString("N");
}
