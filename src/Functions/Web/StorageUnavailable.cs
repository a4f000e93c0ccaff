using Azure;

namespace GoodThings.Web;

/// <summary>
/// Storage that is down, timing out or too contended is a passing trouble, not a fault of the request or the app:
/// every HTTP route answers it with 503 and <c>Retry-After</c> (problem details for the API, a page for people),
/// never a 500. A request that fails so has written nothing that stands on its own: each write is one transaction.
/// </summary>
public static class StorageUnavailable
{
    public const int RetryAfterSeconds = 5;

    /// <summary>Whether <paramref name="exception"/> (or what caused it) is storage being unavailable or busy.</summary>
    public static bool Caused(Exception exception) => Cause(exception) is not null;

    /// <summary>
    /// Which storage trouble <paramref name="exception"/> is (<c>contention</c>, <c>throttled</c>, <c>timeout</c> or
    /// <c>unavailable</c>: the <c>cause</c> the 503 counter is tagged with), or null when it is none.
    /// </summary>
    public static string? Cause(Exception exception) => exception switch
    {
        StorageBusyException => "contention",
        RequestFailedException { Status: 429 } => "throttled",
        RequestFailedException { Status: 408 or 504 } => "timeout",
        RequestFailedException { Status: 0 or 500 or 502 or 503 } => "unavailable",
        RequestFailedException => null,
        TimeoutException => "timeout",
        HttpRequestException => "unavailable",
        // The SDK reports its own network timeout as a cancellation; a cancelled request is told apart by the caller.
        OperationCanceledException => "timeout",
        AggregateException aggregate => aggregate.InnerExceptions.Select(Cause).FirstOrDefault(cause => cause is not null),
        _ => exception.InnerException is { } inner ? Cause(inner) : null,
    };

    /// <summary>
    /// What an exception escaping an HTTP function becomes: 503 for storage trouble (counted by cause), otherwise null
    /// (the host's 500).
    /// </summary>
    public static IActionResult? AnswerFor(Exception exception, HttpRequest request)
    {
        if (Cause(exception) is not { } cause)
        {
            return null;
        }

        Telemetry.AppMetrics.StorageUnavailable(cause);
        return Result(request);
    }

    /// <summary>The answer: problem details under <c>/api/</c>, a "try again shortly" page elsewhere.</summary>
    public static IActionResult Result(HttpRequest request) =>
        new WithRetryAfter(request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            ? Problems.Create(StatusCodes.Status503ServiceUnavailable, "Try again shortly", $"The service is briefly unable to reach its storage. Try again in {RetryAfterSeconds} seconds.", Problems.TypeUri("storage-unavailable"))
            : new HtmlPage(new MessagePage("Please try again shortly", "We can't show this page right now. Please try again in a few moments."), StatusCodes.Status503ServiceUnavailable));

    private sealed class WithRetryAfter(IActionResult inner) : IActionResult
    {
        public Task ExecuteResultAsync(ActionContext context)
        {
            context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return inner.ExecuteResultAsync(context);
        }
    }
}

internal static class StorageUnavailableRegistration
{
    /// <summary>Registers <see cref="StorageUnavailable.AnswerFor"/> as the answer both hosts give an exception escaping an HTTP function.</summary>
    public static IServiceCollection AddStorageUnavailableAnswers(this IServiceCollection services) =>
        services.AddSingleton<Func<Exception, HttpRequest, IActionResult?>>(StorageUnavailable.AnswerFor);
}

/// <summary>
/// Gives an exception escaping an HTTP function the app's answer (<see cref="StorageUnavailable.AnswerFor"/>, registered
/// as a <c>Func&lt;Exception, HttpRequest, IActionResult?&gt;</c>, which the local runner asks too). Anything without
/// one goes on up, to the host's bare 500.
/// </summary>
public sealed class HttpExceptionAnswerMiddleware(Func<Exception, HttpRequest, IActionResult?> answerFor, ILogger<HttpExceptionAnswerMiddleware> logger)
    : Microsoft.Azure.Functions.Worker.Middleware.IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, Microsoft.Azure.Functions.Worker.Middleware.FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception exception) when (context.GetHttpContext() is { RequestAborted.IsCancellationRequested: false, Response.HasStarted: false } http &&
                                          answerFor(exception, http.Request) is { } answer)
        {
            logger.LogWarning(exception, "Function {Function} failed; the app answers it", context.FunctionDefinition.Name);
            await answer.ExecuteResultAsync(new ActionContext(http, new Microsoft.AspNetCore.Routing.RouteData(), new Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor()));
        }
    }
}
