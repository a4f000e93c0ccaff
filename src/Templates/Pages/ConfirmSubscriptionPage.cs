namespace GoodThings.Templates.Pages;

/// <summary>
/// <c>GET /subscribe/confirm?token=…</c>, from the confirmation email: a button that confirms. Opening the link
/// changes nothing, because mail scanners open links too; only the button's POST confirms.
/// </summary>
/// <param name="Token">The signed confirm token from the address; the button posts back with it.</param>
/// <param name="Email">The address being confirmed.</param>
[Template("ConfirmSubscription")]
public sealed record ConfirmSubscriptionPage(string Token, string Email) : IPageModel
{
    public string Title => "Confirm your subscription";

    /// <summary>"/subscribe/confirm?token=…".</summary>
    public string ConfirmPath => "/subscribe/confirm?token=" + Uri.EscapeDataString(Token);
}
