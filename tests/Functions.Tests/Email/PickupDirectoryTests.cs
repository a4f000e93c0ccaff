using MimeKit;

namespace GoodThings.Email;

public sealed class PickupDirectoryFixture : OutboxFixture
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), $"goodthings-outbox-{Guid.NewGuid():N}");

    // No SendGrid key: emails go to .eml files.
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["SendGrid:ApiKey"] = "",
        ["Email:PickupDirectory"] = Directory,
    };
}

public sealed class PickupDirectoryTests(PickupDirectoryFixture fixture) : IClassFixture<PickupDirectoryFixture>
{
    private Task<string[]> FilesAsync(int count) => Eventually.PollAsync(
        () => System.IO.Directory.Exists(fixture.Directory) ? System.IO.Directory.GetFiles(fixture.Directory, "*.eml") : Array.Empty<string>(),
        files => files.Length >= count,
        because: $"{count} .eml files");

    [Fact]
    public async Task WithoutSendGridKeyEachEmailIsAWellFormedEmlFile()
    {
        var note = $"eml-{Guid.NewGuid():N}";

        await fixture.App.Services.GetRequiredService<Outbox>().EnqueueAsync(TestNoteComposer.Message(note));

        var file = await Eventually.GetAsync(
            async () => (await FilesAsync(1)).FirstOrDefault(f => File.ReadAllText(f).Contains(note, StringComparison.Ordinal)),
            f => f is not null, because: "the note's .eml file");
        var message = await MimeMessage.LoadAsync(file!);
        Assert.Equal($"Note {note}", message.Subject);
        Assert.Equal("events@goodthings.test", message.From.Mailboxes.Single().Address);
        Assert.Equal("team@goodthings.test", message.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal($"{note}@example.test", message.To.Mailboxes.Single().Address);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        var alternative = Assert.IsType<MultipartAlternative>(Assert.IsType<Multipart>(message.Body).First());
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Contains(note, message.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<b>{note}</b>", message.HtmlBody, StringComparison.Ordinal);
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal("text/calendar", attachment.ContentType.MimeType);
        Assert.Equal("REQUEST", attachment.ContentType.Parameters["method"]);
        Assert.Equal("event.ics", attachment.FileName);
    }

    [Fact]
    public async Task NewestFileSortsLast()
    {
        var outbox = fixture.App.Services.GetRequiredService<Outbox>();
        var first = $"first-{Guid.NewGuid():N}";
        var second = $"second-{Guid.NewGuid():N}";

        await outbox.EnqueueAsync(TestNoteComposer.Message(first));
        await Eventually.GetAsync(async () => (await FilesAsync(1)).Any(f => File.ReadAllText(f).Contains(first, StringComparison.Ordinal)), found => found);
        await outbox.EnqueueAsync(TestNoteComposer.Message(second));
        await Eventually.GetAsync(async () => (await FilesAsync(2)).Any(f => File.ReadAllText(f).Contains(second, StringComparison.Ordinal)), found => found);

        var ordered = System.IO.Directory.GetFiles(fixture.Directory, "*.eml").Order(StringComparer.Ordinal).Select(File.ReadAllText).ToList();
        Assert.True(ordered.FindIndex(t => t.Contains(first, StringComparison.Ordinal)) < ordered.FindIndex(t => t.Contains(second, StringComparison.Ordinal)));
        Assert.Empty(System.IO.Directory.GetFiles(fixture.Directory, "*.partial"));
    }
}
