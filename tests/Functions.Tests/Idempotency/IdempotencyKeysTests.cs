using Azure.Data.Tables;

namespace GoodThings.Idempotency;

/// <summary>The key store's rules over time, against Azurite with a clock the test moves.</summary>
public sealed class IdempotencyKeysTests
{
    private const string Request = "request-hash";
    private static readonly KeptAnswer Answer = new(201, "application/json; charset=utf-8", "{\"id\":\"e1\"}", "/api/manage/events/e1");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    private async Task<IdempotencyKeys> KeysAsync() =>
        new(new Tables(new TableServiceClient(await SharedAzurite.ConnectionStringAsync()), Options.Create(new StorageOptions { Prefix = StoragePrefix.New() })), _time);

    [Fact]
    public async Task AKeptAnswerIsGivenAgainForADayAndThenTheKeyStartsAfresh()
    {
        var keys = await KeysAsync();
        var run = Assert.IsType<KeyClaim.Run>(await keys.ClaimAsync("k", Request, CancellationToken.None));
        await keys.KeepAsync(run, Request, Answer, CancellationToken.None);

        _time.Advance(IdempotencyKeys.Lifetime - TimeSpan.FromSeconds(1));
        Assert.Equal(Answer, Assert.IsType<KeyClaim.Replay>(await keys.ClaimAsync("k", Request, CancellationToken.None)).Answer);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.IsType<KeyClaim.Run>(await keys.ClaimAsync("k", "another request", CancellationToken.None));
    }

    [Fact]
    public async Task AClaimKeepsRepeatsAwayUntilItsLeaseLapsesThenOneTakerWins()
    {
        var keys = await KeysAsync();
        Assert.IsType<KeyClaim.Run>(await keys.ClaimAsync("k", Request, CancellationToken.None));

        _time.Advance(IdempotencyKeys.ClaimLease - TimeSpan.FromSeconds(1));
        Assert.IsType<KeyClaim.InUse>(await keys.ClaimAsync("k", Request, CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(1));
        var takers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => keys.ClaimAsync("k", Request, CancellationToken.None)));
        Assert.Single(takers.OfType<KeyClaim.Run>());
        Assert.All(takers.Where(t => t is not KeyClaim.Run), t => Assert.IsType<KeyClaim.InUse>(t));
    }

    [Fact]
    public async Task AReleasedKeyCanBeClaimedAgainAndAStaleClaimCannotReleaseItsTaker()
    {
        var keys = await KeysAsync();
        var first = Assert.IsType<KeyClaim.Run>(await keys.ClaimAsync("k", Request, CancellationToken.None));
        await keys.ReleaseAsync(first, CancellationToken.None);
        var second = Assert.IsType<KeyClaim.Run>(await keys.ClaimAsync("k", Request, CancellationToken.None));

        await keys.ReleaseAsync(first, CancellationToken.None);

        Assert.IsType<KeyClaim.InUse>(await keys.ClaimAsync("k", Request, CancellationToken.None));
        await keys.KeepAsync(second, Request, Answer, CancellationToken.None);
        Assert.IsType<KeyClaim.Replay>(await keys.ClaimAsync("k", Request, CancellationToken.None));
    }

    [Fact]
    public async Task AKeyForADifferentRequestIsAMismatchWhileItLives()
    {
        var keys = await KeysAsync();
        var run = Assert.IsType<KeyClaim.Run>(await keys.ClaimAsync("k", Request, CancellationToken.None));

        Assert.IsType<KeyClaim.Mismatch>(await keys.ClaimAsync("k", "other", CancellationToken.None));
        await keys.KeepAsync(run, Request, Answer, CancellationToken.None);
        Assert.IsType<KeyClaim.Mismatch>(await keys.ClaimAsync("k", "other", CancellationToken.None));
    }

    [Fact]
    public async Task AnAnswerLargerThanOneTablePropertyIsKeptWhole()
    {
        var keys = await KeysAsync();
        var large = Answer with { Body = string.Concat(Enumerable.Range(0, 40_000).Select(n => $"é{n}")) };
        var run = Assert.IsType<KeyClaim.Run>(await keys.ClaimAsync("k", Request, CancellationToken.None));
        await keys.KeepAsync(run, Request, large, CancellationToken.None);

        Assert.Equal(large, Assert.IsType<KeyClaim.Replay>(await keys.ClaimAsync("k", Request, CancellationToken.None)).Answer);
    }

    [Fact]
    public async Task PurgingDeletesOnlyKeysPastTheirDay()
    {
        var keys = await KeysAsync();
        await keys.KeepAsync(Assert.IsType<KeyClaim.Run>(await keys.ClaimAsync("old", Request, CancellationToken.None)), Request, Answer, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(23));
        await keys.KeepAsync(Assert.IsType<KeyClaim.Run>(await keys.ClaimAsync("young", Request, CancellationToken.None)), Request, Answer, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, await keys.PurgeExpiredAsync(CancellationToken.None));

        Assert.IsType<KeyClaim.Replay>(await keys.ClaimAsync("young", Request, CancellationToken.None));
        Assert.IsType<KeyClaim.Run>(await keys.ClaimAsync("old", "any request", CancellationToken.None));
    }
}
