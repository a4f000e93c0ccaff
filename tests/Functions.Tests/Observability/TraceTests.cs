using System.Collections.Concurrent;
using System.Diagnostics;
using GoodThings.Telemetry;

namespace GoodThings.Observability;

/// <summary>
/// Records the spans of the traces a test starts: the app's own, ASP.NET Core's request spans (the local runner's
/// requests, as the worker's are in Azure) and HttpClient's calls. Spans of other traces, from tests running
/// alongside, are not even sampled.
/// </summary>
public sealed class TraceRecorder : IDisposable
{
    private readonly ConcurrentDictionary<ActivityTraceId, bool> _traces = new();
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    /// <param name="appOnly">Listen to the app's own source only, so nothing listens to ASP.NET Core's.</param>
    public TraceRecorder(bool appOnly = false)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AppTelemetry.Name || (!appOnly && source.Name is "Microsoft.AspNetCore" or "System.Net.Http"),
            Sample = (ref ActivityCreationOptions<ActivityContext> options) =>
                _traces.ContainsKey(options.Parent.TraceId) ? ActivitySamplingResult.AllDataAndRecorded : ActivitySamplingResult.None,
            ActivityStopped = activity =>
            {
                if (_traces.ContainsKey(activity.TraceId))
                {
                    _stopped.Enqueue(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>A new trace, as a caller's own span would start it: the W3C <c>traceparent</c> to send.</summary>
    public (ActivityTraceId TraceId, ActivitySpanId CallerSpan, string TraceParent) NewTrace()
    {
        var traceId = ActivityTraceId.CreateRandom();
        var span = ActivitySpanId.CreateRandom();
        _traces[traceId] = true;
        return (traceId, span, $"00-{traceId}-{span}-01");
    }

    public IReadOnlyList<Activity> In(ActivityTraceId traceId) => [.. _stopped.Where(a => a.TraceId == traceId)];

    public void Dispose() => _listener.Dispose();
}

public sealed class TraceTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    [Fact]
    public async Task ARegistrationsRequestAndTheSendOfItsConfirmationShareOneTrace()
    {
        using var traces = new TraceRecorder();
        var (id, slug) = await EventAsync();
        var email = EventsApi.Address("ada", id);
        var (traceId, callerSpan, traceParent) = traces.NewTrace();

        (await RegisterAsync(slug, "Ada", email, traceParent)).EnsureSuccessStatusCode();

        var delivery = await DeliveryAsync(traces, traceId);
        var request = Assert.Single(traces.In(traceId), a => a.Kind == ActivityKind.Server && a.ParentSpanId == callerSpan);
        Assert.Equal(request.SpanId, delivery.ParentSpanId);
        // The trace goes on into SendGrid: the SDK's HTTP call is a child of the delivery, and the fake SendGrid API
        // (ASP.NET Core too) answers it in the same trace.
        var spans = traces.In(traceId);
        Assert.Contains(spans, call => call.Kind == ActivityKind.Client && call.ParentSpanId == delivery.SpanId &&
                                       spans.Any(answer => answer.Kind == ActivityKind.Server && answer.ParentSpanId == call.SpanId));
        Assert.Equal(RegistrationEmails.Confirmed, delivery.GetTagItem("goodthings.email.kind"));
        Assert.Equal(AppMetrics.Sent, delivery.GetTagItem("goodthings.email.outcome"));
        Assert.Single(await EventsApi.EmailsForEventAsync(fixture, id, 1), c => c.Recipients.Contains(email));
    }

    [Fact]
    public async Task RegistrationsCommittedTogetherEachContinueTheirOwnRequestsTrace()
    {
        using var traces = new TraceRecorder();
        var (id, slug) = await EventAsync();
        var people = Enumerable.Range(1, 8).Select(n => (Email: EventsApi.Address($"person{n}", id), Trace: traces.NewTrace())).ToList();

        // Sent at once, so the event's lane commits several in one transaction, whose code runs in one request's context.
        var responses = await Task.WhenAll(people.Select(p => RegisterAsync(slug, "Someone", p.Email, p.Trace.TraceParent)));

        Assert.All(responses, r => r.EnsureSuccessStatusCode());
        foreach (var (_, (traceId, callerSpan, _)) in people)
        {
            var delivery = await DeliveryAsync(traces, traceId);
            var request = Assert.Single(traces.In(traceId), a => a.Kind == ActivityKind.Server && a.ParentSpanId == callerSpan);
            Assert.Equal(request.SpanId, delivery.ParentSpanId);
        }
    }

    internal static async Task<Activity> DeliveryAsync(TraceRecorder traces, ActivityTraceId traceId) =>
        (await Eventually.PollAsync(
            () => traces.In(traceId).FirstOrDefault(a => a.Source.Name == AppTelemetry.Name && a.OperationName == EmailDispatcher.DeliveryActivityName),
            delivery => delivery is not null, TimeSpan.FromSeconds(30), $"the email's delivery span in trace {traceId}"))!;

    private Task<HttpResponseMessage> RegisterAsync(string slug, string name, string email, string traceParent) =>
        RegisterAsync(fixture.App, slug, name, email, traceParent);

    internal static Task<HttpResponseMessage> RegisterAsync(FunctionsApp app, string slug, string name, string email, string traceParent)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/events/{slug}/registrations") { Content = JsonContent.Create(new { name, email }) };
        request.Headers.Add("traceparent", traceParent);
        return app.Client.SendAsync(request);
    }

    private Task<(string Id, string Slug)> EventAsync() => EventAsync(fixture.App);

    internal static async Task<(string Id, string Slug)> EventAsync(FunctionsApp app)
    {
        var created = await EventsApi.CreateEventAsync(app, EventsApi.EventBody(capacity: 100));
        return (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
    }
}

[Collection(RunsAlone.Name)]
public sealed class LocalRequestTraceTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    [Fact]
    public async Task TheLocalRunnerRunsAnHttpFunctionInsideTheRequestsTraceWithNothingListeningToAspNetCore()
    {
        using var traces = new TraceRecorder(appOnly: true);
        var (id, slug) = await TraceTests.EventAsync(fixture.App);
        var (traceId, callerSpan, traceParent) = traces.NewTrace();

        (await TraceTests.RegisterAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id), traceParent)).EnsureSuccessStatusCode();

        // ASP.NET Core made the request's span (unrecorded: nothing listens to it) from the caller's traceparent, so
        // the confirmation's send is in the caller's trace under a span that is not the caller's own.
        var delivery = await TraceTests.DeliveryAsync(traces, traceId);
        Assert.NotEqual(default, delivery.ParentSpanId);
        Assert.NotEqual(callerSpan, delivery.ParentSpanId);
    }
}
