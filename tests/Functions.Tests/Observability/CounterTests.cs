using Azure.Storage.Queues;
using GoodThings.Telemetry;

namespace GoodThings.Observability;

[Collection(RunsAlone.Name)]
public sealed class CounterTests(ObservabilityFixture fixture) : IClassFixture<ObservabilityFixture>
{
    [Fact]
    public async Task RegistrationsAreCountedByOutcome()
    {
        using var metrics = new MetricRecorder();
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(capacity: 1));
        var (id, slug) = (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);

        await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));
        await EventsApi.RegisteredAsync(fixture.App, slug, "Grace", EventsApi.Address("grace", id));
        (await EventsApi.RegisterAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id))).EnsureSuccessStatusCode();

        Assert.Equal(
            new Dictionary<string, long> { ["confirmed"] = 1, ["waitlisted"] = 1, ["already_registered"] = 1 },
            metrics.By(AppMetrics.RegistrationsName, AppMetrics.OutcomeTag));
    }

    [Fact]
    public async Task EmailsSentAndSkippedAreCountedByKind()
    {
        using var metrics = new MetricRecorder();

        await fixture.Outbox.EnqueueAsync([ProbeComposer.Message("send"), ProbeComposer.Message("skip"), ProbeComposer.Message("send")]);
        await Settle.EmailsAsync(fixture.App);

        Assert.Equal(2, metrics.Sum(AppMetrics.EmailsName, (AppMetrics.OutcomeTag, AppMetrics.Sent), (AppMetrics.KindTag, ProbeComposer.Kind)));
        Assert.Equal(1, metrics.Sum(AppMetrics.EmailsName, (AppMetrics.OutcomeTag, AppMetrics.Skipped), (AppMetrics.KindTag, ProbeComposer.Kind)));
        Assert.Equal(0, metrics.Sum(AppMetrics.EmailsName, (AppMetrics.OutcomeTag, AppMetrics.Failed), (AppMetrics.KindTag, ProbeComposer.Kind)));
    }

    [Fact]
    public async Task EveryFailedAttemptIsCountedAndTheLastAsPoisoned()
    {
        using var metrics = new MetricRecorder();
        var message = ProbeComposer.Message("fail");

        await fixture.Outbox.EnqueueAsync(message);
        var poison = fixture.App.Services.GetRequiredService<QueueServiceClient>().GetQueueClient($"{fixture.App.StoragePrefix}-{Outbox.QueueName}-poison");
        await Eventually.GetAsync(
            async () => await poison.ExistsAsync() && (await poison.PeekMessagesAsync(32)).Value.Any(m => m.Body.ToString().Contains(message.IdempotencyKey, StringComparison.Ordinal)),
            poisoned => poisoned, TimeSpan.FromSeconds(60), "the failing message in the poison queue");

        Assert.Equal(Outbox.MaxDequeueCount, metrics.Sum(AppMetrics.EmailsName, (AppMetrics.OutcomeTag, AppMetrics.Failed), (AppMetrics.KindTag, ProbeComposer.Kind)));
        Assert.Equal(1, metrics.Sum(AppMetrics.EmailsName, (AppMetrics.OutcomeTag, AppMetrics.Poisoned), (AppMetrics.KindTag, ProbeComposer.Kind)));
    }

    [Fact]
    public void TheAttemptCountedAsLastIsTheOneAfterWhichHostJsonPoisons() =>
        Assert.Equal(Outbox.MaxDequeueCount, OutboxFixture.MaxDequeueCount);
}

[Collection(RunsAlone.Name)]
public sealed class StorageUnavailableCounterTests(Web.StorageDownAppFixture fixture) : IClassFixture<Web.StorageDownAppFixture>
{
    [Fact]
    public async Task A503ForStorageThatIsDownIsCountedByItsCause()
    {
        using var metrics = new MetricRecorder();

        var response = await fixture.App.Client.GetAsync("api/events");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(new Dictionary<string, long> { ["unavailable"] = 1 }, metrics.By(AppMetrics.StorageUnavailableName, AppMetrics.CauseTag));
    }

    [Theory]
    [InlineData(503, "unavailable")]
    [InlineData(500, "unavailable")]
    [InlineData(0, "unavailable")]
    [InlineData(429, "throttled")]
    [InlineData(504, "timeout")]
    [InlineData(404, null)]
    [InlineData(409, null)]
    public void AStorageFailureIsGivenItsCause(int status, string? cause) =>
        Assert.Equal(cause, Web.StorageUnavailable.Cause(new Azure.RequestFailedException(status, "storage said so")));

    public static TheoryData<Exception, string?> Failures => new()
    {
        { new StorageBusyException("Out of time", new Azure.RequestFailedException(412, "Precondition failed")), "contention" },
        { new TimeoutException(), "timeout" },
        { new TaskCanceledException(), "timeout" },
        { new HttpRequestException("Connection refused"), "unavailable" },
        { new AggregateException(new InvalidOperationException(), new Azure.RequestFailedException(429, "Slow down")), "throttled" },
        { new InvalidOperationException("A bug", new TimeoutException()), "timeout" },
        { new InvalidOperationException("A bug"), null },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void AnExceptionIsGivenTheCauseOfTheStorageTroubleBehindIt(Exception exception, string? cause) =>
        Assert.Equal(cause, Web.StorageUnavailable.Cause(exception));
}
