using Azure;
using Azure.Data.Tables;
using Microsoft.Azure.Functions.Worker;

namespace GoodThings.LocalRunner.Hosting;

/// <summary>
/// Remembers each monitored timer's last and next occurrence, as the host does in blob storage, so a schedule
/// missed while the runner was stopped fires once at start with <see cref="TimerInfo.IsPastDue"/> set.
/// </summary>
internal sealed class TimerStatusStore(TableServiceClient tables, string hostId)
{
    private const string TableName = "LocalRunnerTimers";
    private TableClient? _table;

    public async Task<ScheduleStatus?> ReadAsync(string functionName, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var entity = await table.GetEntityIfExistsAsync<TableEntity>(hostId, functionName, cancellationToken: cancellationToken);
        return entity.HasValue
            ? new ScheduleStatus
            {
                Last = entity.Value!.GetDateTime("Last") ?? default,
                Next = entity.Value.GetDateTime("Next") ?? default,
                LastUpdated = entity.Value.GetDateTime("LastUpdated") ?? default,
            }
            : null;
    }

    public async Task WriteAsync(string functionName, ScheduleStatus status, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        await table.UpsertEntityAsync(
            new TableEntity(hostId, functionName)
            {
                ["Last"] = DateTime.SpecifyKind(status.Last, DateTimeKind.Utc),
                ["Next"] = DateTime.SpecifyKind(status.Next, DateTimeKind.Utc),
                ["LastUpdated"] = DateTime.SpecifyKind(status.LastUpdated, DateTimeKind.Utc),
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    private async Task<TableClient> TableAsync(CancellationToken cancellationToken)
    {
        if (_table is null)
        {
            var table = tables.GetTableClient(TableName);
            try
            {
                await table.CreateIfNotExistsAsync(cancellationToken);
            }
            catch (RequestFailedException exception) when (exception.Status == 409)
            {
                // Another runner created it between our check and create.
            }

            _table = table;
        }

        return _table;
    }
}
