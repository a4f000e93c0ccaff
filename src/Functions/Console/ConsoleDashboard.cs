using GoodThings.Templates.Formatting;

namespace GoodThings.OrganiserConsole;

/// <summary>The console's first page: every event still to end, and those that ended in the last 30 days, drafts included.</summary>
public sealed class ConsoleDashboard(EventStore store, TimeProvider time)
{
    public static readonly TimeSpan RecentWindow = TimeSpan.FromDays(30);

    public async Task<ConsoleDashboardPage> PageAsync(ConsoleHeader header, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var events = await store.ListAsync(cancellationToken);
        var upcoming = events.Where(e => e.EndsAt >= now).OrderBy(e => e.StartsAt).ThenBy(e => e.Title, StringComparer.Ordinal);
        var recent = events.Where(e => e.EndsAt < now && e.EndsAt >= now - RecentWindow).OrderByDescending(e => e.StartsAt).ThenBy(e => e.Title, StringComparer.Ordinal);
        return new ConsoleDashboardPage(header, [.. upcoming.Select(Row)], [.. recent.Select(Row)]);
    }

    private static ConsoleEventRow Row(EventRecord e) => new(
        e.Title,
        ConsoleRoutes.EventPath(e.Id),
        EventTimes.Describe(e.StartsAt, e.EndsAt, e.TimeZone),
        e.Status.ToString(),
        e.Counts.Confirmed,
        e.Counts.Waitlisted,
        e.Counts.Attended);
}
