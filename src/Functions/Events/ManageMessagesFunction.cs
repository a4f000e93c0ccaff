using GoodThings.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace GoodThings.Events;

public sealed class ManageMessagesFunction(OrganiserMessages messages)
{
    [Function("ManageSendMessage")]
    public async Task<IActionResult> Run(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/manage/events/{id}/messages")] HttpRequest request, string id, CancellationToken cancellationToken)
    {
        var body = await JsonRequests.ReadAsync<MessageInput>(request, cancellationToken);
        if (!body.Succeeded)
        {
            return body.Problem!;
        }

        var validator = new Validator();
        var subject = validator.Text("subject", body.Value!.Subject, 200, required: true);
        var text = validator.Text("body", body.Value.Body, 20_000, required: true, multiLine: true, allowMarkup: true);
        var audience = body.Value.Audience ?? "all";
        if (!EventFanOut.Audiences.Contains(audience, StringComparer.Ordinal))
        {
            validator.Add("audience", $"must be one of {string.Join(", ", EventFanOut.Audiences)}");
        }

        if (!validator.IsValid)
        {
            return Problems.Validation(validator.Errors);
        }

        return (await messages.SendAsync(id, subject!, text!, audience, cancellationToken))
            .ToResult(recipients => new ObjectResult(new { recipients }) { StatusCode = StatusCodes.Status202Accepted });
    }
}

public sealed class MessageInput
{
    public string? Subject { get; set; }

    /// <summary>Markdown; raw HTML in it is never rendered.</summary>
    public string? Body { get; set; }

    public string? Audience { get; set; }
}
