
namespace GoodThings.Storage;

/// <summary>Hands out table clients by logical name (prefixed per <see cref="StorageOptions"/>), creating each table on first use.</summary>
public sealed class Tables
{
    private readonly CreatedOnce<TableClient> _tables;

    public Tables(TableServiceClient service, IOptions<StorageOptions> options)
    {
        _tables = new CreatedOnce<TableClient>(async name =>
        {
            var table = service.GetTableClient(options.Value.TableName(name));
            await table.CreateIfNotExistsAsync(CancellationToken.None);
            return table;
        });
    }

    public Task<TableClient> GetAsync(string name, CancellationToken cancellationToken = default) =>
        _tables.GetAsync(name, cancellationToken);
}
