using GoodThings.TestSupport.Browser;
using GoodThings.Tokens;

namespace GoodThings.Web;

/// <summary>One running app and one Chromium for the newsletter's page tests, which run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class SubscriptionPagesCollection : ICollectionFixture<GoodThingsAppFixture>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "Subscription pages";
}

/// <summary>Subscribers arranged straight in the app's store, and the signed links their emails would carry.</summary>
internal static class Subscribers
{
    /// <summary>The request a pending subscriber saved here awaits; confirm links made here name it.</summary>
    private const string Nonce = "arranged";

    public static string NewAddress(string who) => $"{who}-{Guid.NewGuid():N}@example.test";

    /// <returns>The new subscriber's address.</returns>
    public static async Task<string> SaveAsync(FunctionsApp app, SubscriberStatus status, string? name = null, IReadOnlyList<string>? topics = null)
    {
        var email = NewAddress("subscriber");
        await app.Services.GetRequiredService<SubscriberStore>().SaveAsync(
            new SubscriberRecord
            {
                Key = SubscriberStore.KeyOf(email),
                Email = email,
                Name = name,
                Topics = topics ?? [],
                Status = status,
                RequestedAt = DateTimeOffset.UtcNow,
                RequestSource = SubscriptionSources.Form,
                ConfirmationNonce = status == SubscriberStatus.Pending ? Nonce : null,
            },
            previous: null,
            CancellationToken.None);
        return email;
    }

    public static async Task<SubscriberRecord?> GetAsync(FunctionsApp app, string email) =>
        (await app.Services.GetRequiredService<SubscriberStore>().GetAsync(SubscriberStore.KeyOf(email), CancellationToken.None))?.Subscriber;

    /// <param name="purpose"><see cref="SubscriptionService.ConfirmPurpose"/> or <see cref="SubscriptionService.ManagePurpose"/>.</param>
    public static string Token(FunctionsApp app, string purpose, string email, TimeSpan? lifetime = null) =>
        app.Services.GetRequiredService<TokenService>().Create(
            purpose,
            purpose == SubscriptionService.ConfirmPurpose ? $"{SubscriberStore.KeyOf(email)}.{Nonce}" : SubscriberStore.KeyOf(email),
            DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromDays(1)));
}
