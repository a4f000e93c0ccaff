using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoodThings.CampaignBench;

/// <summary>
/// <c>POST /v3/mail/send</c> on loopback for the real SendGrid SDK. Unlike the tests' FakeSendGrid it keeps no
/// request bodies, only the number of accepted copies per address, so 100 000 recipients cost a few MB here and
/// the peak memory measured is the app's. It can fail a share of calls (429 with Retry-After: 1, or 500, from a
/// seeded random) and hold every call from one number on, for a kill to land while a call is in flight.
/// </summary>
public sealed class FakeSendGridApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _copies = new(StringComparer.Ordinal);
    private readonly double _failureRate;
    private readonly Random _random;
    private readonly TaskCompletionSource _holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _holdFrom = int.MaxValue;
    private int _calls;
    private int _accepted;
    private int _throttled;
    private int _failed;
    private int _abandoned;
    private long _firstCallTicks;
    private long _lastCallTicks;

    private FakeSendGridApi(WebApplication app, double failureRate, int seed)
    {
        _app = app;
        _failureRate = failureRate;
        _random = new Random(seed);
    }

    public string Host { get; private set; } = "";

    public int Calls => Volatile.Read(ref _calls);

    public int Accepted => Volatile.Read(ref _accepted);

    public int Throttled => Volatile.Read(ref _throttled);

    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Held calls whose client went away (a killed process): not accepted.</summary>
    public int Abandoned => Volatile.Read(ref _abandoned);

    /// <summary>When the first call arrived, and the last was answered.</summary>
    public (DateTimeOffset First, DateTimeOffset Last) CallsBetween =>
        (new DateTimeOffset(Interlocked.Read(ref _firstCallTicks), TimeSpan.Zero), new DateTimeOffset(Interlocked.Read(ref _lastCallTicks), TimeSpan.Zero));

    /// <summary>Completes when the first held call arrives.</summary>
    public Task Holding => _holding.Task;

    public IReadOnlyDictionary<string, int> AcceptedPerAddress => _copies;

    /// <param name="failureRate">The share of calls answered 429 or 500 (half each).</param>
    public static async Task<FakeSendGridApi> StartAsync(double failureRate = 0, int seed = 1)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSendGridApi(app, failureRate, seed);
        app.MapPost("/v3/mail/send", fake.HandleAsync);
        await app.StartAsync();
        fake.Host = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return fake;
    }

    /// <summary>Holds call number <paramref name="callNumber"/> (1-based) and every later one until <see cref="Release"/>.</summary>
    public void HoldFrom(int callNumber) => _holdFrom = callNumber;

    public void Release()
    {
        _holdFrom = int.MaxValue;
        _released.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        List<string> recipients;
        using (var body = await JsonDocument.ParseAsync(context.Request.Body))
        {
            recipients = [.. body.RootElement.GetProperty("personalizations").EnumerateArray()
                .SelectMany(p => p.GetProperty("to").EnumerateArray())
                .Select(to => to.GetProperty("email").GetString()!.ToLowerInvariant())];
        }

        Interlocked.CompareExchange(ref _firstCallTicks, DateTimeOffset.UtcNow.UtcTicks, 0);
        if (Interlocked.Increment(ref _calls) >= _holdFrom)
        {
            _holding.TrySetResult();
            try
            {
                await _released.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref _abandoned);
                return;
            }
        }

        Interlocked.Exchange(ref _lastCallTicks, DateTimeOffset.UtcNow.UtcTicks);
        double draw;
        lock (_random)
        {
            draw = _random.NextDouble();
        }

        if (draw < _failureRate)
        {
            var throttle = draw < _failureRate / 2;
            Interlocked.Increment(ref throttle ? ref _throttled : ref _failed);
            context.Response.StatusCode = throttle ? StatusCodes.Status429TooManyRequests : StatusCodes.Status500InternalServerError;
            if (throttle)
            {
                context.Response.Headers.RetryAfter = 1.ToString(CultureInfo.InvariantCulture);
            }

            await context.Response.WriteAsJsonAsync(new { errors = new[] { new { message = "fake SendGrid failed this call", field = (string?)null } } });
            return;
        }

        foreach (var address in recipients)
        {
            _copies.AddOrUpdate(address, 1, (_, n) => n + 1);
        }

        Interlocked.Increment(ref _accepted);
        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.Headers["X-Message-Id"] = Guid.NewGuid().ToString("N");
    }
}
