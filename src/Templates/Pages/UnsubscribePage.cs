namespace GoodThings.Templates.Pages;

/// <summary>
/// <c>GET /unsubscribe?token=…</c>: a button that unsubscribes (opening the link changes nothing: mail scanners
/// open links too). Once <see cref="Unsubscribed"/>, it says so and offers to subscribe again.
/// </summary>
/// <param name="Token">The subscriber's manage token; the button posts back with it.</param>
[Template("Unsubscribe")]
public sealed record UnsubscribePage(string Token, string Email, bool Unsubscribed) : IPageModel
{
    public string Title => Unsubscribed ? "You've unsubscribed" : "Unsubscribe from the newsletter";

    /// <summary>"/unsubscribe?token=…".</summary>
    public string UnsubscribePath => SubscriberPaths.Unsubscribe(Token);

    public string PreferencesPath => SubscriberPaths.Preferences(Token);
}
