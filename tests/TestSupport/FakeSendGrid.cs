using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GoodThings.TestSupport;

/// <summary>One call to the fake <c>POST /v3/mail/send</c>, with what it was answered.</summary>
public sealed record SendGridCall(JsonObject Body, IReadOnlyDictionary<string, string> Headers, int Status)
{
    public bool Accepted => Status == StatusCodes.Status202Accepted;

    public IEnumerable<string> Recipients =>
        Body["personalizations"]!.AsArray().SelectMany(p => p!["to"]!.AsArray()).Select(to => (string)to!["email"]!);

    /// <summary>A custom arg, set on the message or (as the SDK's AddCustomArg does) on its personalization.</summary>
    public string? CustomArg(string name) => MessageOrPersonalization("custom_args", name);

    /// <summary>An email header, set on the message or (as the SDK's AddHeader does) on its personalization.</summary>
    public string? Header(string name) => MessageOrPersonalization("headers", name);

    /// <summary>
    /// What each recipient receives, as SendGrid builds it: one copy per personalization, with that personalization's
    /// substitutions applied to the subject and content, and its headers and custom args over the message's.
    /// </summary>
    public IEnumerable<DeliveredCopy> Copies() =>
        Body["personalizations"]!.AsArray().Select(p =>
        {
            var substitutions = p!["substitutions"]?.AsObject().Select(s => (s.Key, Value: (string)s.Value!)).ToList() ?? [];
            string Apply(string? text) => substitutions.Aggregate(text ?? "", (t, s) => t.Replace(s.Key, s.Value, StringComparison.Ordinal));
            Dictionary<string, string> Merged(string collection) =>
                new[] { Body[collection], p[collection] }.OfType<JsonObject>().SelectMany(o => o).ToDictionary(e => e.Key, e => (string)e.Value!, StringComparer.OrdinalIgnoreCase);
            var content = Body["content"]!.AsArray();
            string Part(string type) => Apply((string?)content.FirstOrDefault(c => (string)c!["type"]! == type)?["value"]);
            return new DeliveredCopy(
                (string)p["to"]![0]!["email"]!, (string?)p["to"]![0]!["name"], Apply((string?)Body["subject"]), Part("text/html"), Part("text/plain"), Merged("headers"), Merged("custom_args"));
        });

    private string? MessageOrPersonalization(string collection, string name) =>
        Body[collection]?[name]?.GetValue<string>()
        ?? Body["personalizations"]?.AsArray().Select(p => p?[collection]?[name]?.GetValue<string>()).FirstOrDefault(v => v is not null);
}

/// <summary>One recipient's email out of an accepted call.</summary>
public sealed record DeliveredCopy(
    string To, string? ToName, string Subject, string Html, string Text, IReadOnlyDictionary<string, string> Headers, IReadOnlyDictionary<string, string> CustomArgs);

/// <summary>A planned answer: a status and, for 429, the Retry-After seconds to send.</summary>
public sealed record SendGridAnswer(int Status, int? RetryAfterSeconds = null)
{
    public static readonly SendGridAnswer Accepted = new(StatusCodes.Status202Accepted);
}

/// <summary>
/// A stand-in for the SendGrid v3 API on 127.0.0.1, for the real SendGrid SDK to call (<c>SendGrid:Host</c>).
/// It records every request and answers 202, unless a test plans failures (429 with Retry-After, 5xx, 4xx).
/// </summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SendGridCall> _calls = new();
    private readonly ConcurrentQueue<SendGridAnswer> _planned = new();
    private Func<JsonObject, SendGridAnswer>? _answer;
    private int _callsSeen;
    private int _holdFrom = int.MaxValue;
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private FakeSendGrid(WebApplication app) => _app = app;

    public string Host { get; private set; } = "";

    public IReadOnlyList<SendGridCall> Calls => [.. _calls];

    /// <summary>Calls answered 202: the emails SendGrid would have delivered.</summary>
    public IReadOnlyList<SendGridCall> Accepted => [.. _calls.Where(c => c.Accepted)];

    public static async Task<FakeSendGrid> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSendGrid(app);
        app.MapPost("/v3/mail/send", fake.HandleAsync);
        await app.StartAsync();
        fake.Host = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return fake;
    }

    /// <summary>Answers the next calls, in order, with these before returning to the usual answer.</summary>
    public void Plan(params SendGridAnswer[] answers)
    {
        foreach (var answer in answers)
        {
            _planned.Enqueue(answer);
        }
    }

    /// <summary>
    /// Holds the answer to call number <paramref name="callNumber"/> (1-based) and every later one until
    /// <see cref="Release"/>. A held call whose client goes away (a killed process) is recorded as answered 499 and
    /// counts as not accepted: SendGrid had not accepted what it never finished receiving an answer for.
    /// </summary>
    public void HoldFrom(int callNumber)
    {
        _released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _holdFrom = callNumber;
    }

    public int CallsSeen => Volatile.Read(ref _callsSeen);

    public void Release()
    {
        _holdFrom = int.MaxValue;
        _released.TrySetResult();
    }

    /// <summary>Accepted copies per recipient address (lower case).</summary>
    public IReadOnlyDictionary<string, int> AcceptedPerAddress() =>
        Accepted.SelectMany(c => c.Recipients).GroupBy(a => a.ToLowerInvariant()).ToDictionary(g => g.Key, g => g.Count());

    /// <summary>Decides every unplanned answer from the request body (default: 202).</summary>
    public void AnswerWith(Func<JsonObject, SendGridAnswer> answer) => _answer = answer;

    public async Task<IReadOnlyList<SendGridCall>> WaitForAcceptedAsync(int count, TimeSpan? timeout = null, Func<SendGridCall, bool>? where = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var accepted = Accepted.Where(where ?? (_ => true)).ToList();
            if (accepted.Count >= count || DateTime.UtcNow > deadline)
            {
                return accepted;
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = (JsonObject)(await JsonNode.ParseAsync(context.Request.Body))!;
        if (Interlocked.Increment(ref _callsSeen) >= _holdFrom)
        {
            try
            {
                await _released.Task.WaitAsync(context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                _calls.Enqueue(new SendGridCall(body, new Dictionary<string, string>(), StatusCodes.Status499ClientClosedRequest));
                return;
            }
        }

        var answer = _planned.TryDequeue(out var planned) ? planned : _answer?.Invoke(body) ?? SendGridAnswer.Accepted;
        _calls.Enqueue(new SendGridCall(
            body,
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            answer.Status));

        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (answer.Status == StatusCodes.Status202Accepted)
        {
            context.Response.Headers["X-Message-Id"] = Guid.NewGuid().ToString("N");
        }
        else
        {
            await context.Response.WriteAsJsonAsync(new { errors = new[] { new { message = $"fake SendGrid answered {(HttpStatusCode)answer.Status}", field = (string?)null } } });
        }
    }
}
