
namespace GoodThings.Storage;

/// <summary>Hands out table clients by logical name (prefixed per <see cref="StorageOptions"/>), creating each table on first use.</summary>
public sealed class Tables(TableServiceClient service, IOptions<StorageOptions> options)
{
    private readonly CreatedOnce<TableClient> _tables = new(name => CreateAsync(service.GetTableClient(options.Value.TableName(name))));

    public Task<TableClient> GetAsync(string name, CancellationToken cancellationToken = default) =>
        _tables.GetAsync(name, cancellationToken);

    private static async Task<TableClient> CreateAsync(TableClient table)
    {
        await table.CreateIfNotExistsAsync(CancellationToken.None);
        return table;
    }
}
