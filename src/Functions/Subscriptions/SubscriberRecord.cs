namespace GoodThings.Subscriptions;

public enum SubscriberStatus
{
    /// <summary>Asked to subscribe; nothing is sent but the confirmation until they confirm.</summary>
    Pending,
    Subscribed,
    Unsubscribed,
}

/// <summary>Proof of the double opt-in: when it was confirmed, where the request came from, and from which address.</summary>
/// <param name="Source"><see cref="SubscriptionSources.Form"/> or <see cref="SubscriptionSources.Registration"/>.</param>
public sealed record Consent(DateTimeOffset At, string Source, string? IpAddress);

/// <summary>One address on the mailing list, keyed by a hash of the normalised address.</summary>
public sealed record SubscriberRecord
{
    public required string Key { get; init; }

    public required string Email { get; init; }

    public string? Name { get; init; }

    /// <summary>Lower-case topics; none means every topic.</summary>
    public IReadOnlyList<string> Topics { get; init; } = [];

    public SubscriberStatus Status { get; init; }

    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>Where the latest request came from; becomes the consent's source when confirmed.</summary>
    public required string RequestSource { get; init; }

    public DateTimeOffset? ConfirmationSentAt { get; init; }

    /// <summary>Names the latest confirmation email; an email whose nonce is not this one is stale and not sent.</summary>
    public string? ConfirmationNonce { get; init; }

    public Consent? Consent { get; init; }

    public DateTimeOffset? UnsubscribedAt { get; init; }

    /// <summary>An event's tags meet this subscriber's topics (or the subscriber chose none).</summary>
    public bool Follows(IReadOnlyCollection<string> tags) =>
        Topics.Count == 0 || Topics.Any(topic => tags.Contains(topic, StringComparer.OrdinalIgnoreCase));
}

public static class SubscriptionSources
{
    public const string Form = "form";
    public const string Registration = "registration";
}
