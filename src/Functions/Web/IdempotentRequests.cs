using System.Security.Cryptography;
using GoodThings.Idempotency;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace GoodThings.Web;

/// <summary>
/// The <c>Idempotency-Key</c> header on the management API's POSTs. Without it a request just runs. With it, the
/// first request runs and its success is kept (<see cref="IdempotencyKeys"/>); a repeat of the same request with
/// the same key within 24 h gets that answer again, marked <c>Idempotent-Replayed: true</c>, and changes nothing.
/// A refusal (4xx) or a failure keeps nothing, so the key can be used again once the request is fixed.
/// </summary>
public sealed class IdempotentRequests(IdempotencyKeys keys)
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    // No management body may be larger (the invitations CSV's limit), so a larger one is refused by its handler.
    private const int MaxHashedBytes = 1024 * 1024;

    public async Task<IActionResult> RunAsync(HttpRequest request, Func<Task<IActionResult>> handle, CancellationToken cancellationToken)
    {
        if (!request.Headers.TryGetValue(Header, out var values))
        {
            return await handle();
        }

        if (values.Count != 1 || values[0] is not { Length: > 0 and <= MaxKeyLength } key || key.Any(c => c is < ' ' or > '~'))
        {
            return Problems.Create(
                StatusCodes.Status400BadRequest,
                "Invalid Idempotency-Key",
                $"Send one {Header} header of 1 to {MaxKeyLength} printable ASCII characters, such as a UUID.",
                Problems.TypeUri("invalid-idempotency-key"));
        }

        if (await RequestHashAsync(request, cancellationToken) is not { } requestHash)
        {
            return await handle();
        }

        switch (await keys.ClaimAsync(key, requestHash, cancellationToken))
        {
            case KeyClaim.Replay replay:
                return new KeptAnswerResult(replay.Answer, replayed: true);
            case KeyClaim.InUse:
                request.HttpContext.Response.Headers.RetryAfter = "1";
                return Problems.Create(
                    StatusCodes.Status409Conflict,
                    "Request in progress",
                    $"Another request with this {Header} is still running; try again shortly to get its answer.",
                    Problems.TypeUri("idempotency-key-in-use"));
            case KeyClaim.Mismatch:
                return Problems.Create(
                    StatusCodes.Status422UnprocessableEntity,
                    "Idempotency-Key reused",
                    $"This {Header} was used for a different request (another route or body). Use a new key for a new request.",
                    Problems.TypeUri("idempotency-key-reused"));
            case KeyClaim.Run run:
                return await RunClaimedAsync(run, requestHash, handle);
            default:
                throw new InvalidOperationException("Unknown key claim.");
        }
    }

    private async Task<IActionResult> RunClaimedAsync(KeyClaim.Run run, string requestHash, Func<Task<IActionResult>> handle)
    {
        IActionResult result;
        try
        {
            result = await handle();
        }
        catch
        {
            // Nothing to keep: a repeat must run afresh (own writes are recognised by the stores) rather than wait
            // out the claim. The request's own cancellation no longer applies to this clean-up.
            await keys.ReleaseAsync(run, CancellationToken.None);
            throw;
        }

        if (Kept(result) is not { } answer)
        {
            await keys.ReleaseAsync(run, CancellationToken.None);
            return result;
        }

        // Once the work is done, keeping its answer must not be cut short by the client going away.
        await keys.KeepAsync(run, requestHash, answer, CancellationToken.None);
        return new KeptAnswerResult(answer, replayed: false);
    }

    /// <summary>The answer to keep: a success, rendered once so that every repeat gets the same bytes; null for the rest.</summary>
    private static KeptAnswer? Kept(IActionResult result) => result switch
    {
        ObjectResult { StatusCode: >= 200 and < 300 } o => new KeptAnswer(
            o.StatusCode.Value,
            "application/json; charset=utf-8",
            JsonSerializer.Serialize(o.Value, o.Value?.GetType() ?? typeof(object), JsonSerializerOptions.Web),
            o switch { CreatedResult created => created.Location, AcceptedResult accepted => accepted.Location, _ => null }),
        IStatusCodeActionResult { StatusCode: >= 200 and < 300 } s => new KeptAnswer(s.StatusCode.Value, string.Empty, string.Empty, null),
        IStatusCodeActionResult => null,
        _ => throw new InvalidOperationException($"A management POST answered with {result.GetType().Name}, which an idempotency key cannot keep."),
    };

    /// <summary>The request as the key is bound to it: method, path, query and body. Null when the body is too large to be any management request.</summary>
    private static async Task<string?> RequestHashAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        request.EnableBuffering(MaxHashedBytes);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n{request.ContentType}\n"));
        var buffer = new byte[8192];
        long total = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            total += read;
            if (total > MaxHashedBytes)
            {
                request.Body.Position = 0;
                return null;
            }

            hash.AppendData(buffer, 0, read);
        }

        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private sealed class KeptAnswerResult(KeptAnswer answer, bool replayed) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = answer.Status;
            if (answer.Location is { } location)
            {
                response.Headers.Location = location;
            }

            if (replayed)
            {
                response.Headers[ReplayedHeader] = "true";
            }

            if (answer.ContentType.Length > 0)
            {
                response.ContentType = answer.ContentType;
                await response.WriteAsync(answer.Body, context.HttpContext.RequestAborted);
            }
        }
    }
}
