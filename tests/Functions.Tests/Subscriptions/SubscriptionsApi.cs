
namespace GoodThings.Subscriptions;

/// <summary>Test-side helpers over the newsletter API and the emails it sends.</summary>
public static partial class SubscriptionsApi
{
    public static string Address(string who) => $"{who}-{Guid.NewGuid():N}@subscribers.test";

    public static Task<HttpResponseMessage> SubscribeAsync(FunctionsApp app, string email, string? name = null, string[]? topics = null) =>
        app.Client.PostAsJsonAsync("api/subscriptions", new { email, name, topics });

    public static Task<HttpResponseMessage> ConfirmAsync(FunctionsApp app, string token, string? forwardedFor = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/subscriptions/confirm") { Content = JsonContent.Create(new { token }) };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return app.Client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> OneClickAsync(FunctionsApp app, string token) =>
        app.Client.PostAsync($"api/subscriptions/unsubscribe?token={Uri.EscapeDataString(token)}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]));

    /// <summary>Confirmation emails accepted for an address.</summary>
    public static IReadOnlyList<SendGridCall> Confirmations(FakeSendGrid sendGrid, string email) =>
        [.. sendGrid.Accepted.To(email).Where(c => c.Kind() == SubscriptionEmails.Confirm)];

    /// <summary>Waits for the <paramref name="count"/>th confirmation email to an address and returns the token of its link.</summary>
    public static async Task<string> ConfirmTokenAsync(FakeSendGrid sendGrid, string email, int count = 1)
    {
        var emails = await sendGrid.WaitForAcceptedAsync(count, where: c => c.Kind() == SubscriptionEmails.Confirm && c.Recipients.Contains(email, StringComparer.OrdinalIgnoreCase));
        Assert.True(emails.Count >= count, $"expected {count} confirmation emails to {email}, got {emails.Count}");
        var link = ConfirmLink().Match(emails[^1].Text());
        Assert.True(link.Success, $"no confirm link in: {emails[^1].Text()}");
        return Uri.UnescapeDataString(link.Groups[1].Value);
    }

    /// <summary>Subscribes and confirms an address through the API; returns the subscriber's manage token.</summary>
    public static async Task<string> SubscribedAsync(GoodThingsAppFixture fixture, string email, params string[] topics)
    {
        (await SubscribeAsync(fixture.App, email, "Sub Scriber", topics)).EnsureSuccessStatusCode();
        (await ConfirmAsync(fixture.App, await ConfirmTokenAsync(fixture.SendGrid, email))).EnsureSuccessStatusCode();
        return await ManageTokenAsync(fixture.App, email);
    }

    /// <summary>
    /// Waits until the newsletter's queues have worked through what was asked before now: a marker address asks to
    /// subscribe and its confirmation is awaited, so a wrong email queued earlier has had its chance to arrive.
    /// </summary>
    public static async Task SettleAsync(GoodThingsAppFixture fixture)
    {
        var marker = Address("marker");
        (await SubscribeAsync(fixture.App, marker)).EnsureSuccessStatusCode();
        await ConfirmTokenAsync(fixture.SendGrid, marker);
    }

    /// <summary>The token the subscriber's own links carry, as the app makes it.</summary>
    public static async Task<string> ManageTokenAsync(FunctionsApp app, string email)
    {
        var loaded = await StoredAsync(app, email);
        Assert.NotNull(loaded);
        return app.Services.GetRequiredService<SubscriptionService>().ManageToken(loaded.Subscriber);
    }

    public static Task<LoadedSubscriber?> StoredAsync(FunctionsApp app, string email) =>
        app.Services.GetRequiredService<SubscriberStore>().GetAsync(SubscriberStore.KeyOf(email), CancellationToken.None);

    public static async Task<JsonElement> PreferencesAsync(FunctionsApp app, string token) =>
        await app.Client.GetFromJsonAsync<JsonElement>($"api/subscriptions/preferences?token={Uri.EscapeDataString(token)}");

    [GeneratedRegex(@"/subscribe/confirm\?token=([A-Za-z0-9_\-.%]+)")]
    private static partial Regex ConfirmLink();
}
