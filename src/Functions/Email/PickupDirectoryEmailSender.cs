using System.Security.Cryptography;
using MimeKit;

namespace GoodThings.Email;

/// <summary>
/// Writes each email as an RFC 5322 .eml file (multipart/alternative, inline images with the HTML, attachments alongside) so the app works
/// with no SendGrid account. Names start with a UTC timestamp, so the newest sort last, and end with a hash of the
/// email's idempotency key: a key that already has a file is not written again, so a process killed between writing
/// and marking the delivery sent does not leave a second file when the delivery is retried. A file appears complete.
/// </summary>
public sealed class PickupDirectoryEmailSender(IOptions<EmailOptions> options, TimeProvider time, ILogger<PickupDirectoryEmailSender> logger) : IEmailSender
{
    public string Directory => Path.GetFullPath(options.Value.PickupDirectory);

    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var key = KeyOf(email);
        if (key is not null && System.IO.Directory.EnumerateFiles(Directory, $"*-{key}.eml").FirstOrDefault() is { } written)
        {
            // Guards against a repeat after a crash, not against two writers at once: the delivery claim prevents those.
            logger.LogInformation("Email \"{Subject}\" was already written to {Path}; not written again", email.Subject, written);
            return;
        }

        await WriteAsync(email, key, cancellationToken);
    }

    /// <summary>
    /// Each recipient's copy is its own file, named by its own key, so a repeated batch writes only the files it lacks.
    /// The directory is listed once per batch, not once per copy.
    /// </summary>
    public async Task SendBulkAsync(BulkEmail email, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var written = System.IO.Directory.EnumerateFiles(Directory, "*.eml")
            .Select(path => Path.GetFileNameWithoutExtension(path) is var name && name.LastIndexOf('-') is var dash and >= 0 ? name[(dash + 1)..] : name)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var recipient in email.Recipients)
        {
            var copy = email.CopyFor(recipient);
            if (KeyOf(copy) is { } key && !written.Contains(key))
            {
                await WriteAsync(copy, key, cancellationToken);
            }
        }
    }

    private static string? KeyOf(OutgoingEmail email) =>
        email.Tracking.TryGetValue(EmailDispatcher.IdempotencyKeyTracking, out var idempotencyKey) ? KeyHash(idempotencyKey) : null;

    private async Task WriteAsync(OutgoingEmail email, string? key, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var message = ToMime(email, options.Value, now);
        var name = $"{now.ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", CultureInfo.InvariantCulture)}-{key ?? Guid.NewGuid().ToString("N")}.eml";
        var path = Path.Combine(Directory, name);
        // Written aside and renamed into place, so whoever reads *.eml (a mail viewer, a test) never sees a half-written file.
        var partial = path + ".partial";
        try
        {
            await message.WriteToAsync(partial, cancellationToken);
            File.Move(partial, path);
        }
        finally
        {
            File.Delete(partial);
        }

        logger.LogInformation("Email \"{Subject}\" to {To} written to {Path}", email.Subject, email.To, path);
    }

    /// <summary>The part of a file name that names its idempotency key: hex, 128 bits of its SHA-256.</summary>
    public static string KeyHash(string idempotencyKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];

    internal static MimeMessage ToMime(OutgoingEmail email, EmailOptions sender, DateTimeOffset date)
    {
        var message = new MimeMessage { Subject = email.Subject, Date = date };
        message.From.Add(new MailboxAddress(sender.FromName, sender.From));
        message.To.Add(new MailboxAddress(email.ToName ?? "", email.To));
        if (!string.IsNullOrWhiteSpace(sender.ReplyTo))
        {
            message.ReplyTo.Add(MailboxAddress.Parse(sender.ReplyTo));
        }

        foreach (var (name, value) in email.Headers)
        {
            message.Headers.Add(name, value);
        }

        foreach (var (name, value) in email.Tracking)
        {
            message.Headers.Add($"X-GoodThings-{name}", value);
        }

        var body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html };
        foreach (var attachment in email.Attachments)
        {
            if (attachment.ContentId is { } contentId)
            {
                // A linked resource: BodyBuilder puts the HTML and it in a multipart/related, as SendGrid does.
                body.LinkedResources.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType)).ContentId = contentId;
            }
            else
            {
                body.Attachments.Add(attachment.FileName, attachment.Content, ContentType.Parse(attachment.ContentType));
            }
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}
