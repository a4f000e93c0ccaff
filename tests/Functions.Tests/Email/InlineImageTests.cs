using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;
using SendGrid;

namespace GoodThings.Email;

/// <summary>An inline image (a Content-ID) goes as an inline part through SendGrid and in a multipart/related in .eml files.</summary>
public sealed class InlineImageTests : IAsyncLifetime
{
    private static readonly EmailOptions Sender = new() { From = "events@goodthings.test", FromName = "Good Things" };

    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

    private FakeSendGrid _sendGrid = null!;

    public async Task InitializeAsync() => _sendGrid = await FakeSendGrid.StartAsync();

    public async Task DisposeAsync() => await _sendGrid.DisposeAsync();

    private static OutgoingEmail Email() => new("ada@example.test", "Ada", "You're registered", "<p><img src=\"cid:check-in-1@goodthings\" alt=\"code\"></p>", "Hello")
    {
        Attachments =
        [
            new EmailAttachment("invite.ics", "text/calendar; method=REQUEST; charset=utf-8", Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")),
            EmailAttachment.Inline("check-in.png", "image/png", Png, "check-in-1@goodthings"),
        ],
    };

    [Fact]
    public async Task SendGridGetsTheImageInlineWithItsContentIdAndTheCalendarFileAsAnAttachment()
    {
        var sender = new SendGridEmailSender(
            new SendGridClient(new SendGridClientOptions { ApiKey = "SG.test-key", Host = _sendGrid.Host }), Options.Create(Sender), new NoWaitTimeProvider(), NullLogger<SendGridEmailSender>.Instance);

        await sender.SendAsync(Email(), CancellationToken.None);

        var attachments = Assert.Single(_sendGrid.Calls).Body["attachments"]!.AsArray();
        Assert.Equal(2, attachments.Count);
        Assert.Equal(("attachment", null), ((string?)attachments[0]!["disposition"], (string?)attachments[0]!["content_id"]));
        var image = attachments[1]!;
        Assert.Equal("inline", (string?)image["disposition"]);
        Assert.Equal("check-in-1@goodthings", (string?)image["content_id"]);
        Assert.Equal("image/png", (string?)image["type"]);
        Assert.Equal("check-in.png", (string?)image["filename"]);
        Assert.Equal(Png, Convert.FromBase64String((string)image["content"]!));
    }

    [Fact]
    public async Task AnEmlFileCarriesTheImageBesideTheHtmlUnderTheContentIdItRefersTo()
    {
        using var written = new MemoryStream();
        await PickupDirectoryEmailSender.ToMime(Email(), Sender, DateTimeOffset.UnixEpoch).WriteToAsync(written);
        written.Position = 0;

        var message = await MimeMessage.LoadAsync(written);

        // multipart/mixed [ multipart/alternative [ text, multipart/related [ html, image ] ], invite.ics ]
        var alternative = Assert.Single(Assert.IsType<Multipart>(message.Body).OfType<MultipartAlternative>());
        var related = Assert.Single(alternative.OfType<MultipartRelated>());
        Assert.Equal("text/html", related.Root!.ContentType.MimeType);
        var image = Assert.IsType<MimePart>(Assert.Single(related, part => part != related.Root));
        Assert.Equal("check-in-1@goodthings", image.ContentId);
        Assert.Equal("image/png", image.ContentType.MimeType);
        using var content = new MemoryStream();
        await image.Content!.DecodeToAsync(content);
        Assert.Equal(Png, content.ToArray());
        Assert.Contains("cid:check-in-1@goodthings", message.HtmlBody, StringComparison.Ordinal);
        // The calendar file is still an attachment; the image is not one.
        Assert.Equal(["invite.ics"], message.Attachments.OfType<MimePart>().Select(a => a.FileName));
    }
}
