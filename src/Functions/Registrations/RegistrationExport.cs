using System.Buffers;

namespace GoodThings.Registrations;

/// <summary>A registration as organisers see it, in JSON and CSV.</summary>
public sealed record RegistrationRow(
    string Id,
    string Name,
    string Email,
    string? Organisation,
    string? AccessibilityNeeds,
    string Status,
    int? WaitlistPosition,
    DateTime RegisteredAt,
    DateTime? CancelledAt,
    DateTime? CheckedInAt);

public static class RegistrationExport
{
    // Spreadsheets run a cell that starts with one of these as a formula (CSV injection).
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    public static async Task<IReadOnlyList<RegistrationRow>> RowsAsync(EventStore store, string eventId, CancellationToken cancellationToken)
    {
        var registrations = await store.ListRegistrationsAsync(eventId, cancellationToken);
        var positions = (await store.WaitlistAsync(eventId, take: null, cancellationToken))
            .Select((entry, index) => (entry.RegistrationId, Position: index + 1))
            .ToDictionary(p => p.RegistrationId, p => p.Position, StringComparer.Ordinal);
        return [.. registrations.Select(r => new RegistrationRow(
            r.Id, r.Name, r.Email, r.Organisation, r.AccessibilityNeeds, EventJson.Camel(r.Status),
            positions.TryGetValue(r.Id, out var position) ? position : null,
            r.RegisteredAt.UtcDateTime, r.CancelledAt?.UtcDateTime, r.CheckedInAt?.UtcDateTime))];
    }

    private static readonly string[] Header =
        ["id", "name", "email", "organisation", "accessibilityNeeds", "status", "waitlistPosition", "registeredAt", "cancelledAt", "checkedInAt"];

    private static readonly SearchValues<char> NeedsQuotes = SearchValues.Create("\",\r\n");

    /// <summary>
    /// RFC 4180 CSV (CRLF, quoted where needed) in UTF-8 with a BOM so spreadsheets read it as UTF-8, every cell
    /// formula-safe. A fixed table of ten columns needs no CSV library.
    /// </summary>
    public static byte[] ToCsv(IEnumerable<RegistrationRow> rows)
    {
        var csv = new StringBuilder();
        AppendRecord(csv, Header);
        foreach (var row in rows)
        {
            AppendRecord(csv, [
                row.Id, row.Name, row.Email, row.Organisation, row.AccessibilityNeeds, row.Status,
                row.WaitlistPosition?.ToString(CultureInfo.InvariantCulture), Iso(row.RegisteredAt), Iso(row.CancelledAt), Iso(row.CheckedInAt),
            ]);
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static void AppendRecord(StringBuilder csv, string?[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            var cell = FormulaSafe(cells[i]);
            csv.Append(i == 0 ? "" : ",").Append(cell.AsSpan().ContainsAny(NeedsQuotes) ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell);
        }

        csv.Append("\r\n");
    }

    public static string FormulaSafe(string? cell) =>
        string.IsNullOrEmpty(cell) || !FormulaStarts.Contains(cell[0]) ? cell ?? "" : "'" + cell;

    private static string? Iso(DateTime? instant) => instant?.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
