namespace GoodThings.Templates.Pages;

/// <summary>After the confirm button: the person is subscribed, with a link to their preferences.</summary>
/// <param name="Token">The subscriber's manage token, for the preferences link.</param>
/// <param name="Topics">The topics they follow; none means every topic.</param>
[Template("Subscribed")]
public sealed record SubscribedPage(string Token, string Email, IReadOnlyList<string> Topics) : IPageModel
{
    public string Title => "You're subscribed";

    public bool HasTopics => Topics.Count > 0;

    /// <summary>"/preferences?token=…".</summary>
    public string PreferencesPath => SubscriberPaths.Preferences(Token);
}
