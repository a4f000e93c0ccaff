using Microsoft.Extensions.Logging.Abstractions;

namespace GoodThings.Email;

/// <summary>The .eml sender writes one file per idempotency key, so a delivery retried after a crash leaves no second file.</summary>
public sealed class PickupDirectoryIdempotencyTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"goodthings-pickup-{Guid.NewGuid():N}");
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-11-27T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    // A new sender each time, as after a process restart: nothing but the directory remembers what was written.
    private PickupDirectoryEmailSender Sender() => new(
        Options.Create(new EmailOptions { From = "events@goodthings.test", PickupDirectory = _directory }),
        _time,
        NullLogger<PickupDirectoryEmailSender>.Instance);

    private static OutgoingEmail Email(string? key, string subject = "Hello") =>
        new("ada@example.test", "Ada", subject, "<p>Hello</p>", "Hello")
        {
            Tracking = key is null ? new Dictionary<string, string>() : new Dictionary<string, string> { [EmailDispatcher.IdempotencyKeyTracking] = key },
        };

    private string[] Files() => Directory.GetFiles(_directory);

    [Fact]
    public async Task AKeyAlreadyWrittenIsNotWrittenAgain()
    {
        await Sender().SendAsync(Email("registration:r1:confirmation:1", "First"), CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(5));

        await Sender().SendAsync(Email("registration:r1:confirmation:1", "Second"), CancellationToken.None);

        var file = Assert.Single(Files());
        Assert.Contains("Subject: First", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheFileNameIsTheTimestampThenAHashOfTheKey()
    {
        await Sender().SendAsync(Email("registration:r1:confirmation:1"), CancellationToken.None);

        var name = Path.GetFileName(Assert.Single(Files()));
        Assert.Equal($"20261127T100000.0000000Z-{PickupDirectoryEmailSender.KeyHash("registration:r1:confirmation:1")}.eml", name);
        Assert.Matches("^[0-9a-f]{32}$", PickupDirectoryEmailSender.KeyHash("registration:r1:confirmation:1"));
        Assert.NotEqual(PickupDirectoryEmailSender.KeyHash("registration:r1:confirmation:1"), PickupDirectoryEmailSender.KeyHash("registration:r1:confirmation:2"));
    }

    [Fact]
    public async Task EachKeyGetsItsOwnFile()
    {
        await Sender().SendAsync(Email("registration:r1:confirmation:1"), CancellationToken.None);
        await Sender().SendAsync(Email("registration:r2:confirmation:1"), CancellationToken.None);

        Assert.Equal(2, Files().Length);
    }

    [Fact]
    public async Task EmailsWithoutAKeyAreEachWritten()
    {
        await Sender().SendAsync(Email(key: null), CancellationToken.None);
        await Sender().SendAsync(Email(key: null), CancellationToken.None);

        Assert.Equal(2, Files().Length);
        Assert.All(Files(), f => Assert.EndsWith(".eml", f, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWriteCutShortBeforeItsRenameDoesNotCountAsWritten()
    {
        var key = "registration:r1:confirmation:1";
        Directory.CreateDirectory(_directory);
        var cutShort = Path.Combine(_directory, $"20261127T095900.0000000Z-{PickupDirectoryEmailSender.KeyHash(key)}.eml.partial");
        await File.WriteAllTextAsync(cutShort, "Subject: half");

        await Sender().SendAsync(Email(key), CancellationToken.None);

        Assert.Single(Directory.GetFiles(_directory, "*.eml"));
    }
}
