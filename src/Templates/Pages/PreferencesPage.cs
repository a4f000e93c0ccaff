namespace GoodThings.Templates.Pages;

/// <summary>
/// <c>GET /preferences?token=…</c>: whether the address is subscribed, a form for name and topics that posts back
/// to the same address, an unsubscribe button, and links to download or erase the data held. After an invalid POST, render it again with <see cref="Form"/>
/// holding what was typed and the errors.
/// </summary>
/// <param name="Token">The subscriber's manage token, from the address.</param>
/// <param name="Form">Name and topics; leave <see cref="SubscriptionForm.AsksForEmail"/> false.</param>
[Template("Preferences")]
public sealed record PreferencesPage(string Token, string Email, SubscriptionStatus Status, SubscriptionForm Form) : IPageModel
{
    /// <summary>The person has just saved: a banner says so.</summary>
    public bool Saved { get; init; }

    public string Title => Form.HasErrors ? "Error: Your newsletter preferences" : "Your newsletter preferences";

    public string PreferencesPath => SubscriberPaths.Preferences(Token);

    public string UnsubscribePath => SubscriberPaths.Unsubscribe(Token);

    public string ExportPath => SubscriberPaths.Export(Token);

    public string ErasePath => SubscriberPaths.Erase(Token);

    public bool IsSubscribed => Status == SubscriptionStatus.Subscribed;

    public bool IsPending => Status == SubscriptionStatus.Pending;

    public bool IsUnsubscribed => Status == SubscriptionStatus.Unsubscribed;

    /// <summary>A CSS modifier for the status panel, reusing the registration page's colours.</summary>
    public string StatusModifier => Status switch
    {
        SubscriptionStatus.Subscribed => "confirmed",
        SubscriptionStatus.Pending => "waitlisted",
        _ => "cancelled",
    };
}

public enum SubscriptionStatus
{
    /// <summary>Asked to subscribe and not yet confirmed: nothing but the confirmation is sent.</summary>
    Pending,
    Subscribed,
    Unsubscribed,
}

internal static class SubscriberPaths
{
    public static string Preferences(string token) => "/preferences?token=" + Uri.EscapeDataString(token);

    public static string Unsubscribe(string token) => "/unsubscribe?token=" + Uri.EscapeDataString(token);

    /// <summary>The JSON export, served as a download.</summary>
    public static string Export(string token) => "/api/subscriptions/export?token=" + Uri.EscapeDataString(token);

    public static string Erase(string token) => "/erase?token=" + Uri.EscapeDataString(token);
}
