using GoodThings.Tokens;

namespace GoodThings.CheckIn;

/// <summary>Check-in tokens and QR codes on their own: what a token names, how long it lasts, and that the drawn code reads back.</summary>
public sealed class CheckInCodeTests
{
    private static readonly DateTimeOffset EndsAt = new(2026, 3, 3, 20, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(EndsAt.AddDays(-10));

    private TokenService Tokens() => new(Options.Create(new TokenOptions { SigningKey = "test-signing-key-that-is-long-enough-0123456789" }), _time);

    private static CheckInLinks Links(TokenService tokens) => new(tokens, Options.Create(new Site.SiteOptions { BaseUrl = "https://events.example.org" }));

    private static EventRecord Event() => new()
    {
        Id = "0f3c9d2e8b7a4c1d9e6f5a4b3c2d1e0f",
        Slug = "net-zero-locally",
        Title = "Delivering net zero locally",
        StartsAt = EndsAt.AddHours(-2),
        EndsAt = EndsAt,
        TimeZone = "Europe/London",
        Format = EventFormat.InPerson,
    };

    private static RegistrationRecord Registration() => new()
    {
        EventId = "0f3c9d2e8b7a4c1d9e6f5a4b3c2d1e0f",
        Id = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d",
        Name = "Ada",
        Email = "ada@example.test",
        Status = RegistrationStatus.Confirmed,
    };

    [Fact]
    public void ATokenNamesTheEventAndRegistrationUntilADayAfterTheEventEnds()
    {
        var links = Links(Tokens());
        var token = links.Token(Event(), Registration());

        _time.SetUtcNow(EndsAt.AddDays(1).AddSeconds(-1));
        Assert.Equal(new CheckInLink(Event().Id, Registration().Id), links.Read(token));
        _time.SetUtcNow(EndsAt.AddDays(1));
        Assert.Null(links.Read(token));
    }

    [Fact]
    public void ATokenOfAnotherPurposeOrATamperedOneReadsAsNothing()
    {
        var tokens = Tokens();
        var links = Links(tokens);
        var subject = $"{Event().Id}.{Registration().Id}";
        var token = links.Token(Event(), Registration());
        var mac = token[(token.IndexOf('.', StringComparison.Ordinal) + 1)..];
        var otherSubject = Encoding.UTF8.GetBytes($"check-in|{Event().Id}.0000000000000000000000000000000|{EndsAt.AddDays(1).ToUnixTimeSeconds()}");

        Assert.Null(links.Read(tokens.Create(RegistrationService.TokenPurpose, subject, EndsAt.AddDays(180))));
        Assert.Null(links.Read(tokens.Create(InvitationLinks.TokenPurpose, subject, EndsAt)));
        Assert.Null(links.Read($"{System.Buffers.Text.Base64Url.EncodeToString(otherSubject)}.{mac}"));
        Assert.Null(links.Read(token[..^2] + (token[^2] == 'A' ? "B" : "A") + token[^1]));
        Assert.Null(tokens.Read(token, RegistrationService.TokenPurpose));
    }

    [Fact]
    public void TheLinkOpensTheConsolesCheckInPage()
    {
        var links = Links(Tokens());
        var token = links.Token(Event(), Registration());

        Assert.Equal($"https://events.example.org/console/check-in/{token}", links.Url(token));
    }

    [Fact]
    public void TheDrawnCodeReadsBackAsTheLinkAndIsShownAtFourCssPixelsAModule()
    {
        var links = Links(Tokens());
        var url = links.Url(links.Token(Event(), Registration()));

        var code = CheckInCodes.Render(url);

        Assert.Equal(url, QrCodes.Decode(code.Png));
        var image = StbImageSharp.ImageResult.FromMemory(code.Png, StbImageSharp.ColorComponents.Grey);
        Assert.Equal(image.Width, image.Height);
        // A ~200-character link makes a version 10 code at ECC M: 57 modules and a 4-module quiet zone each side.
        Assert.Equal(65 * CheckInCodes.PixelsPerModule, image.Width);
        Assert.Equal(65 * CheckInCodes.CssPixelsPerModule, code.DisplayWidth);
    }

    [Fact]
    public void TheContentIdIsTheSameForTheSameLinkAndDiffersForAnother()
    {
        var first = CheckInCodes.ContentId("https://events.example.org/console/check-in/a.b");

        Assert.Equal(first, CheckInCodes.ContentId("https://events.example.org/console/check-in/a.b"));
        Assert.NotEqual(first, CheckInCodes.ContentId("https://events.example.org/console/check-in/a.c"));
        Assert.Matches("^check-in-[0-9a-f]{24}@goodthings$", first);
    }
}
