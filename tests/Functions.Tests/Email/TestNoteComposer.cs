
namespace GoodThings.Email;

/// <summary>A stand-in composer so the pipeline (queue, claims, SendGrid SDK) is tested apart from any feature's content.</summary>
public sealed class TestNoteComposer : IEmailComposer
{
    public const string Kind = "test-note";

    public IReadOnlyCollection<string> Kinds { get; } = [Kind];

    public Task<OutgoingEmail?> ComposeAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        var note = message.Reference("note");
        return Task.FromResult<OutgoingEmail?>(new OutgoingEmail(message.To!, message.ToName, $"Note {note}", $"<p>Note <b>{note}</b></p>", $"Note {note}")
        {
            Attachments = [new EmailAttachment("event.ics", "text/calendar; method=REQUEST; charset=utf-8", Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"))],
            Headers = new Dictionary<string, string>
            {
                ["List-Unsubscribe"] = "<https://example.test/u>, <mailto:unsubscribe@example.test>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        });
    }

    public static OutboxMessage Message(string note, string? key = null) =>
        new(Kind, key ?? $"test-note:{note}", $"{note}@example.test", $"Reader {note}", new Dictionary<string, string> { ["note"] = note });
}
