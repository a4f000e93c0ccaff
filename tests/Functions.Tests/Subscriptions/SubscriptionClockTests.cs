namespace GoodThings.Subscriptions;

/// <summary>Double opt-in behaviours that depend on time passing, on a clock the test moves.</summary>
public sealed class SubscriptionClockTests(FakeClockAppFixture fixture) : IClassFixture<FakeClockAppFixture>
{
    [Fact]
    public async Task AConfirmationIsSentAtMostOnceAnHourPerAddress()
    {
        var email = Address("eager");
        (await SubscribeAsync(fixture.App, email)).EnsureSuccessStatusCode();
        await ConfirmTokenAsync(fixture.SendGrid, email);

        fixture.Time.Advance(TimeSpan.FromMinutes(59));
        (await SubscribeAsync(fixture.App, email)).EnsureSuccessStatusCode();
        (await SubscribeAsync(fixture.App, email.ToUpperInvariant())).EnsureSuccessStatusCode();
        await Settle.EmailsAsync(fixture.App);
        var withinTheHour = Confirmations(fixture.SendGrid, email).Count;
        fixture.Time.Advance(TimeSpan.FromMinutes(2));
        (await SubscribeAsync(fixture.App, email)).EnsureSuccessStatusCode();

        Assert.Equal(1, withinTheHour);
        await ConfirmTokenAsync(fixture.SendGrid, email, count: 2);
        await Settle.EmailsAsync(fixture.App);
        Assert.Equal(2, Confirmations(fixture.SendGrid, email).Count);
    }

    [Fact]
    public async Task TheConfirmLinkWorksForSevenDaysAndNoLonger()
    {
        var late = Address("late");
        var punctual = Address("punctual");
        (await SubscribeAsync(fixture.App, late)).EnsureSuccessStatusCode();
        (await SubscribeAsync(fixture.App, punctual)).EnsureSuccessStatusCode();
        var lateToken = await ConfirmTokenAsync(fixture.SendGrid, late);
        var punctualToken = await ConfirmTokenAsync(fixture.SendGrid, punctual);

        fixture.Time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        (await ConfirmAsync(fixture.App, punctualToken)).EnsureSuccessStatusCode();
        fixture.Time.Advance(TimeSpan.FromMinutes(2));
        var tooLate = await ConfirmAsync(fixture.App, lateToken);

        await EventsApi.AssertProblemAsync(tooLate, 404);
        Assert.Equal(SubscriberStatus.Pending, (await StoredAsync(fixture.App, late))!.Subscriber.Status);
        Assert.Equal(SubscriberStatus.Subscribed, (await StoredAsync(fixture.App, punctual))!.Subscriber.Status);
    }
}
