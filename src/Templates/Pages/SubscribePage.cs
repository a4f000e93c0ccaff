namespace GoodThings.Templates.Pages;

/// <summary>
/// <c>GET /subscribe</c>: the newsletter form (email, optional name, topics), posting back to <c>/subscribe</c>
/// without JavaScript. After an invalid POST, render it again with <see cref="Form"/> holding what was typed and the errors.
/// </summary>
[Template("Subscribe")]
public sealed record SubscribePage(SubscriptionForm Form) : IPageModel
{
    public string Title => Form.HasErrors ? "Error: Subscribe to the newsletter" : "Subscribe to the newsletter";
}
