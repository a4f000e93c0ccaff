using System.Buffers;

namespace GoodThings;

/// <summary>
/// RFC 4180 CSV (CRLF, quoted where needed) in UTF-8 with a BOM, so spreadsheets read it as UTF-8, and every cell
/// formula-safe. The app's tables are small and fixed, so they need no CSV library.
/// </summary>
public static class Csv
{
    // Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create("\",\r\n");

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<string?[]> rows)
    {
        var csv = new StringBuilder();
        AppendRecord(csv, [.. header]);
        foreach (var row in rows)
        {
            AppendRecord(csv, row);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    public static string FormulaSafe(string? cell) =>
        string.IsNullOrEmpty(cell) || !FormulaStarts.Contains(cell[0]) ? cell ?? "" : "'" + cell;

    /// <summary>A UTC instant to the second, as the exports write times.</summary>
    public static string? Iso(DateTimeOffset? instant) => instant?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static void AppendRecord(StringBuilder csv, string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = FormulaSafe(cells[i]);
            csv.Append(i == 0 ? "" : ",").Append(cell.AsSpan().ContainsAny(NeedsQuotes) ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell);
        }

        csv.Append("\r\n");
    }
}
