namespace GoodThings.Templates.Pages;

/// <summary>
/// <c>GET /erase?token=…</c>, from the preferences page: what erasing the data does, and a button that erases
/// (opening the link changes nothing: mail scanners open links too). Once <see cref="Erased"/>, it says it is done.
/// </summary>
/// <param name="Token">The subscriber's manage token; the button posts back with it.</param>
/// <param name="Email">The address whose data is (or was) held.</param>
[Template("Erase")]
public sealed record ErasePage(string Token, string Email, bool Erased) : IPageModel
{
    public string Title => Erased ? "Your data has been erased" : "Erase your data";

    /// <summary>"/erase?token=…".</summary>
    public string ErasePath => SubscriberPaths.Erase(Token);

    public string ExportPath => SubscriberPaths.Export(Token);

    public string PreferencesPath => SubscriberPaths.Preferences(Token);
}
