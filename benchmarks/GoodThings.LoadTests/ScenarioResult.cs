using System.Globalization;

namespace GoodThings.LoadTests;

/// <param name="Name">The scenario.</param>
/// <param name="Requests">Registrations sent.</param>
/// <param name="Wall">From the first request to the last answer (for the bare loop, to the last commit).</param>
/// <param name="Latencies">Each registration's time to its answer (bare loop: to its batch's commit), in ms; all start at once.</param>
/// <param name="Window">Round trips while the requests were answered (the relay and email sends run meanwhile).</param>
/// <param name="Through">Round trips from the first request until the last email was accepted by the fake SendGrid API.</param>
/// <param name="Emails">From the first request until the last email was accepted; null for the bare loop or when one never was.</param>
/// <param name="IdlePerSecond">Round trips the idle app made in one second just before the spike; null for the bare loop.</param>
/// <param name="Problem">Why the run is wrong (a non-201, overbooking, a waitlist gap, an unsent email); null when right.</param>
public sealed record ScenarioResult(
    string Name, int Requests, TimeSpan Wall, double[] Latencies, RoundTripSnapshot Window, RoundTripSnapshot Through, TimeSpan? Emails, long? IdlePerSecond, string? Problem)
{
    public double Rate => Requests / Wall.TotalSeconds;

    public double Percentile(int percentile)
    {
        var sorted = Latencies.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private string PerRegistration(long count) => (count / (double)Requests).ToString("F2", CultureInfo.InvariantCulture);

    public string Describe() =>
        $"{Name}: wall {Wall.TotalSeconds:F2} s, {Rate:F0} registrations/s, p50 {Percentile(50):F0} ms, p99 {Percentile(99):F0} ms; " +
        $"round trips/registration {PerRegistration(Through.Total)} " +
        (Emails is { } emails
            ? $"(request path {PerRegistration(Through.Of(RoundTripSource.RequestPath))}, relay {PerRegistration(Through.Of(RoundTripSource.Relay))}, " +
              $"outside requests {PerRegistration(Through.Of(RoundTripSource.Outside))}; {PerRegistration(Window.Total)} while answering); " +
              $"all emails sent after {emails.TotalSeconds:F1} s; idle app {IdlePerSecond} round trips/s; by service and method: {Through.Breakdown()}"
            : $"({Through.Breakdown()})") +
        (Problem is null ? "" : $"; WRONG: {Problem}");

    public string Row(int run, double? ratio) => string.Join(" | ",
        $"| {run}",
        Name,
        $"{Wall.TotalSeconds:F2} s",
        $"{Rate:F0}",
        $"{Percentile(50):F0} ms",
        $"{Percentile(99):F0} ms",
        Emails is null ? PerRegistration(Through.Total) : PerRegistration(Through.Of(RoundTripSource.RequestPath)),
        Emails is null ? "–" : PerRegistration(Through.Of(RoundTripSource.Relay)),
        Emails is null ? "–" : PerRegistration(Through.Of(RoundTripSource.Outside)),
        PerRegistration(Through.Total),
        Emails is { } e ? $"{e.TotalSeconds:F1} s" : "–",
        ratio is { } r ? $"{r:F2}" : "–") + (Problem is null ? " |" : " | WRONG |");
}
