
namespace GoodThings.Subscriptions;

/// <summary>
/// The newsletter's public pages: the subscribe form, and the pages the emails link to. Opening a link never changes
/// anything (mail scanners open links); each shows a button whose POST does.
/// </summary>
public sealed class SubscriptionPagesFunctions(SubscriptionService subscriptions, Erasure erasure, EventService events)
{
    private const string CheckEmailPath = "/subscribe/check-email";

    [Function("SubscribePage")]
    public async Task<IActionResult> Subscribe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "subscribe")] HttpRequest request, CancellationToken cancellationToken) =>
        new HtmlPage(SubscriptionPages.Subscribe(await OfferedTopicsAsync(cancellationToken)));

    /// <summary>The form post: errors re-render with the values kept; otherwise one answer for every address.</summary>
    [Function("SubscribePageSubscribe")]
    public async Task<IActionResult> SubscribePost(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subscribe")] HttpRequest request, CancellationToken cancellationToken)
    {
        if (await HtmlForms.ReadAsync(request, cancellationToken) is not { } form)
        {
            return new HtmlPage(new MessagePage("That didn't work", "Please fill in the form on the subscribe page and send it again."), StatusCodes.Status400BadRequest);
        }

        if (HtmlForms.IsBot(form, SubscriptionFields.Honeypot))
        {
            return new SeeOther(CheckEmailPath);
        }

        var submitted = SubscriptionPages.ToSubscribeBody(form);
        var validator = new Validator();
        if (submitted.Validate(validator) is not { } input)
        {
            return new HtmlPage(SubscriptionPages.Subscribe(await OfferedTopicsAsync(cancellationToken), submitted, validator.Errors), StatusCodes.Status400BadRequest);
        }

        await subscriptions.AskAsync(input, SubscriptionSources.Form, cancellationToken);
        return new SeeOther(CheckEmailPath);
    }

    /// <summary>Where every subscribe ends, new, pending or subscribed address alike: the page never tells who is on the list.</summary>
    [Function("SubscribeCheckEmailPage")]
    public static IActionResult CheckEmail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "subscribe/check-email")] HttpRequest request) =>
        new HtmlPage(new MessagePage(
            "Check your email",
            "If you're not subscribed yet, we've emailed you a link to confirm: we send nothing else until you press it. If it hasn't arrived in a few minutes, check your spam folder. If you're already subscribed, there's nothing more to do."));

    [Function("ConfirmSubscriptionPage")]
    public async Task<IActionResult> Confirm(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "subscribe/confirm")] HttpRequest request, CancellationToken cancellationToken)
    {
        var token = TokenOf(request);
        return await subscriptions.GetConfirmableAsync(token, cancellationToken) is { } subscriber
            ? new HtmlPage(new ConfirmSubscriptionPage(token, subscriber.Email), personal: true)
            : HtmlPage.NotFound();
    }

    [Function("ConfirmSubscriptionPageConfirm")]
    public async Task<IActionResult> ConfirmPost(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "subscribe/confirm")] HttpRequest request, CancellationToken cancellationToken) =>
        await subscriptions.ConfirmAsync(TokenOf(request), ClientAddress.Of(request), cancellationToken) is { } view
            ? new HtmlPage(new SubscribedPage(view.Token, view.Subscriber.Email, view.Subscriber.Topics), personal: true)
            : HtmlPage.NotFound();

    [Function("UnsubscribePage")]
    public async Task<IActionResult> Unsubscribe(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "unsubscribe")] HttpRequest request, CancellationToken cancellationToken) =>
        await subscriptions.GetAsync(TokenOf(request), cancellationToken) is { } view
            ? new HtmlPage(new UnsubscribePage(view.Token, view.Subscriber.Email, view.Subscriber.Status == SubscriberStatus.Unsubscribed), personal: true)
            : HtmlPage.NotFound();

    [Function("UnsubscribePageUnsubscribe")]
    public async Task<IActionResult> UnsubscribePost(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "unsubscribe")] HttpRequest request, CancellationToken cancellationToken) =>
        await subscriptions.UnsubscribeAsync(TokenOf(request), campaignId: null, cancellationToken) is { } view
            ? new HtmlPage(new UnsubscribePage(view.Token, view.Subscriber.Email, Unsubscribed: true), personal: true)
            : HtmlPage.NotFound();

    [Function("PreferencesPage")]
    public async Task<IActionResult> Preferences(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "preferences")] HttpRequest request, CancellationToken cancellationToken) =>
        await subscriptions.GetAsync(TokenOf(request), cancellationToken) is { } view
            ? new HtmlPage(SubscriptionPages.Preferences(view, await OfferedTopicsAsync(cancellationToken), saved: request.Query.ContainsKey("saved")), personal: true)
            : HtmlPage.NotFound();

    /// <summary>The form post: errors re-render with the values kept; saved goes back to the page, which says so.</summary>
    [Function("PreferencesPageSave")]
    public async Task<IActionResult> PreferencesPost(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "preferences")] HttpRequest request, CancellationToken cancellationToken)
    {
        var token = TokenOf(request);
        if (await HtmlForms.ReadAsync(request, cancellationToken) is not { } form)
        {
            return new HtmlPage(new MessagePage("That didn't work", "Please change your preferences on the preferences page and send them again."), StatusCodes.Status400BadRequest);
        }

        var submitted = SubscriptionPages.ToPreferencesBody(form);
        var validator = new Validator();
        if (submitted.Validate(validator) is not { } preferences)
        {
            // Only a page that comes back needs the subscriber read; a save reads it once, in the service.
            return await subscriptions.GetAsync(token, cancellationToken) is { } view
                ? new HtmlPage(SubscriptionPages.Preferences(view, await OfferedTopicsAsync(cancellationToken), submitted, validator.Errors), StatusCodes.Status400BadRequest, personal: true)
                : HtmlPage.NotFound();
        }

        return await subscriptions.SetPreferencesAsync(token, preferences.Name, preferences.Topics, cancellationToken) is not null
            ? new SeeOther($"/preferences?token={Uri.EscapeDataString(token)}&saved=1")
            : HtmlPage.NotFound();
    }

    [Function("ErasePage")]
    public Task<IActionResult> Erase(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "erase")] HttpRequest request, CancellationToken cancellationToken) =>
        ErasePageAsync(request, erase: false, cancellationToken);

    [Function("ErasePageErase")]
    public Task<IActionResult> ErasePost(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "erase")] HttpRequest request, CancellationToken cancellationToken) =>
        ErasePageAsync(request, erase: true, cancellationToken);

    /// <summary>The page before or after erasing. The address is read first, for the page that says it is done: afterwards nothing holds it.</summary>
    private async Task<IActionResult> ErasePageAsync(HttpRequest request, bool erase, CancellationToken cancellationToken) =>
        await subscriptions.GetAsync(TokenOf(request), cancellationToken) is { } view && (!erase || await erasure.EraseOfAsync(view.Subscriber.Email, cancellationToken) is not null)
            ? new HtmlPage(new ErasePage(view.Token, view.Subscriber.Email, Erased: erase), personal: true)
            : HtmlPage.NotFound();

    private static string TokenOf(HttpRequest request) => request.Query["token"].ToString();

    private async Task<IEnumerable<string>> OfferedTopicsAsync(CancellationToken cancellationToken) =>
        SubscriptionPages.TopicsOf(await events.ListUpcomingPublishedAsync(cancellationToken));
}
