
namespace GoodThings.Storage;

public static class TableFilters
{
    /// <summary>Rows of one partition whose key starts with <paramref name="prefix"/>, which must end in '|' ('|' + 1 is '}').</summary>
    public static string RowKeyPrefix(string partitionKey, string prefix) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");
}
