using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace GoodThings;

/// <summary>Reads back everything an app has stored, to show what it keeps about a person.</summary>
public static class StorageScan
{
    /// <summary>Every key and value of every table and every message of every queue of this app's storage prefix, as one text.</summary>
    public static async Task<string> AllAsync(FunctionsApp app)
    {
        var prefix = app.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Prefix;
        var text = new StringBuilder();
        var tables = app.Services.GetRequiredService<TableServiceClient>();
        await foreach (var table in tables.QueryAsync(TableClient.CreateQueryFilter($"TableName ge {prefix} and TableName lt {prefix + "~"}")))
        {
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                text.AppendLine(string.Join(" | ", entity.Select(p => $"{p.Key}={p.Value}")));
            }
        }

        var queues = app.Services.GetRequiredService<QueueServiceClient>();
        await foreach (var queue in queues.GetQueuesAsync(prefix: prefix + "-"))
        {
            foreach (var message in (await queues.GetQueueClient(queue.Name).PeekMessagesAsync(32)).Value)
            {
                text.AppendLine(message.Body.ToString());
            }
        }

        return text.ToString();
    }
}
