
namespace GoodThings.Events;

public sealed class ManageMessagesFunction(OrganiserMessages messages, IdempotentRequests idempotent)
{
    [Function("ManageSendMessage")]
    public Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/events/{id}/messages")] HttpRequest request, string id, CancellationToken cancellationToken) =>
        idempotent.RunAsync(request, () => RunAsync(request, id, cancellationToken), cancellationToken);

    private async Task<IActionResult> RunAsync(HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var message = await JsonRequests.ReadValidAsync<MessageInput, MessageInput>(request, MessageInput.Validate, cancellationToken);
        return message.Succeeded
            ? (await messages.SendAsync(id, message.Value!.Subject!, message.Value.Body!, message.Value.Audience!, Actor.ManagementKey, cancellationToken))
                .ToResult(recipients => new ObjectResult(new { recipients }) { StatusCode = StatusCodes.Status202Accepted })
            : message.Problem!;
    }
}

public sealed class MessageInput
{
    public string? Subject { get; set; }

    /// <summary>Markdown; raw HTML in it is never rendered.</summary>
    public string? Body { get; set; }

    public string? Audience { get; set; }

    /// <returns>The message trimmed, with the audience defaulted to all.</returns>
    public static MessageInput? Validate(MessageInput input, Validator v)
    {
        var subject = v.Text("subject", input.Subject, 200, required: true);
        var body = v.Text("body", input.Body, 20_000, required: true, multiLine: true, allowMarkup: true);
        var audience = input.Audience ?? "all";
        if (!EventFanOut.Audiences.Contains(audience, StringComparer.Ordinal))
        {
            v.Add("audience", $"must be one of {string.Join(", ", EventFanOut.Audiences)}");
        }

        return v.IsValid ? new MessageInput { Subject = subject, Body = body, Audience = audience } : null;
    }
}
