using NodaTime.TimeZones;

namespace GoodThings.OrganiserConsole;

/// <summary>The time zones the console's forms offer, one list for events and campaigns alike.</summary>
public static class ConsoleTimeZones
{
    /// <summary>
    /// The tz database's canonical ids that the API's validation accepts, A to Z. All of them rather than a short list,
    /// so that any event or campaign the API can make, a form can show and keep; and NodaTime's copy of the database
    /// (the one the calendar files use) rather than the system's, so the list is the same on every host. The Etc/GMT±n
    /// zones are left out (their signs run backwards), UTC kept.
    /// </summary>
    public static IReadOnlyList<string> All => Zones.Value;

    private static readonly Lazy<IReadOnlyList<string>> Zones = new(() =>
    [
        .. TzdbDateTimeZoneSource.Default.CanonicalIdMap
            .Where(pair => pair.Key == pair.Value && pair.Key.Contains('/', StringComparison.Ordinal) && !pair.Key.StartsWith("Etc/", StringComparison.Ordinal))
            .Select(pair => pair.Key)
            .Append("UTC")
            .Where(id => new Validator().TimeZone("timeZone", id) is not null)
            .Order(StringComparer.Ordinal),
    ]);
}
