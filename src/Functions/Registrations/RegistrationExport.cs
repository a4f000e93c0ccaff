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
    DateTime? CheckedInAt,
    bool Invited);

public static class RegistrationExport
{
    public static async Task<IReadOnlyList<RegistrationRow>> RowsAsync(EventStore store, string eventId, CancellationToken cancellationToken)
    {
        var registrations = await store.ListRegistrationsAsync(eventId, cancellationToken);
        var positions = (await store.WaitlistAsync(eventId, take: null, cancellationToken))
            .Select((entry, index) => (entry.RegistrationId, Position: index + 1))
            .ToDictionary(p => p.RegistrationId, p => p.Position, StringComparer.Ordinal);
        return [.. registrations.Select(r => new RegistrationRow(
            r.Id, r.Name, r.Email, r.Organisation, r.AccessibilityNeeds, EventJson.Camel(r.Status),
            positions.TryGetValue(r.Id, out var position) ? position : null,
            r.RegisteredAt.UtcDateTime, r.CancelledAt?.UtcDateTime, r.CheckedInAt?.UtcDateTime, r.Invited))];
    }

    private static readonly string[] Header =
        ["id", "name", "email", "organisation", "accessibilityNeeds", "status", "waitlistPosition", "registeredAt", "cancelledAt", "checkedInAt", "invited"];

    public static byte[] ToCsv(IEnumerable<RegistrationRow> rows) =>
        Csv.Write(Header, rows.Select(row => new[]
        {
            row.Id, row.Name, row.Email, row.Organisation, row.AccessibilityNeeds, row.Status,
            row.WaitlistPosition?.ToString(CultureInfo.InvariantCulture), Csv.Iso(row.RegisteredAt), Csv.Iso(row.CancelledAt), Csv.Iso(row.CheckedInAt),
            row.Invited ? "true" : "false",
        }));
}
