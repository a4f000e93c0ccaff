using GoodThings.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace GoodThings.CampaignBench;

/// <summary>The 100 000 confirmed subscribers a campaign goes to, and the check that each got exactly one copy.</summary>
public static class Audience
{
    public const int Size = 100_000;

    public static string Address(int n) => $"subscriber-{n:D6}@example.test";

    /// <summary>
    /// Writes the subscribers through the app's own <see cref="SubscriberStore"/>, many at once: each is its own
    /// partition, so there is no transaction to group them in.
    /// </summary>
    public static async Task SeedAsync(string storage, string prefix)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(BenchSettings.App(storage, prefix, sendGridHost: null)).Build();
        await using var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration).AddGoodThings(configuration).BuildServiceProvider();
        var store = services.GetRequiredService<SubscriberStore>();
        var now = DateTimeOffset.UtcNow;
        await Parallel.ForEachAsync(Enumerable.Range(0, Size), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (n, token) =>
        {
            var email = Address(n);
            await store.SaveAsync(
                new SubscriberRecord
                {
                    Key = SubscriberStore.KeyOf(email),
                    Email = email,
                    Name = $"Subscriber {n}",
                    Status = SubscriberStatus.Subscribed,
                    RequestedAt = now,
                    RequestSource = SubscriptionSources.Form,
                    Consent = new Consent(now, SubscriptionSources.Form, null),
                },
                null,
                token);
        });
    }

    /// <summary>"100 000 of 100 000", or what went wrong: addresses missed, repeated, or not in the audience.</summary>
    public static (bool ExactlyOnce, string Summary) Check(IReadOnlyDictionary<string, int> copiesPerAddress)
    {
        var once = Enumerable.Range(0, Size).Count(n => copiesPerAddress.GetValueOrDefault(Address(n)) == 1);
        var missed = Enumerable.Range(0, Size).Count(n => !copiesPerAddress.ContainsKey(Address(n)));
        var repeated = copiesPerAddress.Values.Count(copies => copies > 1);
        var strangers = copiesPerAddress.Count - (Size - missed);
        var exactlyOnce = once == Size && strangers == 0;
        return (exactlyOnce, exactlyOnce
            ? $"{once:N0} of {Size:N0}"
            : $"{once:N0} of {Size:N0}; {missed:N0} missed, {repeated:N0} repeated, {strangers:N0} not in the audience");
    }
}
