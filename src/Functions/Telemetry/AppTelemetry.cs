using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace GoodThings.Telemetry;

/// <summary>
/// The app's own instruments: one <see cref="ActivitySource"/> and one <see cref="Meter"/>, both named
/// <see cref="Name"/>. A feature that wants its own adds one named <c>GoodThings.Something</c>; the export takes
/// every name in <see cref="Names"/>. Made once per process: instruments are cheap to use, not to create.
/// </summary>
public static class AppTelemetry
{
    public const string Name = "GoodThings";

    /// <summary>What the exporter listens to: the app's source and meter, and any a feature adds under the same name.</summary>
    public static readonly string[] Names = [Name, Name + ".*"];

    public static readonly ActivitySource Source = new(Name);

    public static readonly Meter Meter = new(Name);

    /// <summary>
    /// The W3C <c>traceparent</c> of the operation running now (an HTTP request, a queue or timer invocation), to be
    /// carried in a queue message so the work it asks for joins the same trace; null outside one.
    /// </summary>
    public static string? CurrentTraceParent() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;
}
