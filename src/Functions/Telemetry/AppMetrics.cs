using System.Diagnostics.Metrics;

namespace GoodThings.Telemetry;

/// <summary>
/// The counters operators watch (docs/deploy.md, "Where to look"). Each has one or two tags whose values are
/// constants or an email's kind, so counting allocates nothing and the number of series stays small.
/// </summary>
public static class AppMetrics
{
    public const string RegistrationsName = "goodthings.registrations";
    public const string EmailsName = "goodthings.emails";
    public const string StorageUnavailableName = "goodthings.storage_unavailable";

    public const string OutcomeTag = "outcome";
    public const string KindTag = "kind";
    public const string CauseTag = "cause";

    public const string Sent = "sent";
    public const string Skipped = "skipped";
    public const string Failed = "failed";
    public const string Poisoned = "poisoned";

    private static readonly Counter<long> RegistrationCounter = AppTelemetry.Meter.CreateCounter<long>(
        RegistrationsName, "{registration}", "Registration requests by outcome: confirmed, waitlisted, already_registered, closed, forbidden, not_found.");

    private static readonly Counter<long> EmailCounter = AppTelemetry.Meter.CreateCounter<long>(
        EmailsName, "{email}", "Outbox deliveries by outcome: sent, skipped, failed (an attempt that threw) and poisoned (the last attempt failed).");

    private static readonly Counter<long> StorageUnavailableCounter = AppTelemetry.Meter.CreateCounter<long>(
        StorageUnavailableName, "{response}", "HTTP 503 answers given because storage was unavailable, by cause: unavailable, timeout, throttled, contention.");

    /// <summary>Counts one registration request by what it came to.</summary>
    public static void Registered(RegisterOutcome outcome) =>
        RegistrationCounter.Add(1, new KeyValuePair<string, object?>(OutcomeTag, OutcomeOf(outcome)));

    /// <summary>Counts one delivery attempt's outcome for an email of <paramref name="kind"/>.</summary>
    public static void Email(string outcome, string kind) =>
        EmailCounter.Add(1, new KeyValuePair<string, object?>(OutcomeTag, outcome), new KeyValuePair<string, object?>(KindTag, kind));

    /// <summary>Counts one 503 answered for storage trouble of <paramref name="cause"/>.</summary>
    public static void StorageUnavailable(string cause) =>
        StorageUnavailableCounter.Add(1, new KeyValuePair<string, object?>(CauseTag, cause));

    internal static string OutcomeOf(RegisterOutcome outcome) => outcome switch
    {
        RegisterOutcome.Created { Registration.Status: RegistrationStatus.Confirmed } => "confirmed",
        RegisterOutcome.Created => "waitlisted",
        RegisterOutcome.Existing => "already_registered",
        RegisterOutcome.Closed => "closed",
        RegisterOutcome.Forbidden => "forbidden",
        _ => "not_found",
    };
}
