using static GoodThings.Events.CalendarSamples;

namespace GoodThings.Events;

/// <summary>Text in calendar files is escaped and folded, and cannot add properties or components, whatever an organiser writes.</summary>
public sealed class CalendarTextTests
{
    [Fact]
    public void HostileTextCannotAddPropertiesOrComponents()
    {
        var @event = Event() with
        {
            Title = "Talk\r\nATTENDEE:mailto:evil@x.test\r\nEND:VEVENT",
            Summary = "Line one\nBEGIN:VALARM\rX-INJECTED:1\u2028X-ALSO:2\u0000\u001b",
            Venue = new Venue("Hall\r\nURL:https://evil.test", "1 Road;\nLOCATION:elsewhere"),
        };
        var registration = Registration() with { Name = "Eve \"Quote\"\r\nX-EVIL:1;CN=x:mailto:evil@x.test", Email = "eve@example.test\r\nX-EVIL:2" };

        var attachment = Files.Invite(@event, registration, ManageUrl, JoinUrl);

        var raw = RawCalendar.From(attachment.Content);
        Assert.All(raw.Lines, line => Assert.Matches("^[A-Z][A-Z0-9-]*[;:]", line));
        Assert.DoesNotContain(raw.Lines, line => line.StartsWith("X-", StringComparison.Ordinal) && !line.StartsWith("X-LIC-LOCATION:", StringComparison.Ordinal));
        Assert.Single(raw.Properties("ATTENDEE"));
        Assert.Single(raw.Properties("URL"));
        Assert.Single(raw.Properties("LOCATION"));
        Assert.Equal(1, raw.Count("BEGIN:VEVENT"));
        Assert.Equal(1, raw.Count("END:VEVENT"));
        Assert.Equal(0, raw.Count("BEGIN:VALARM"));
        var entry = Parse(attachment).Events.Single();
        Assert.Equal("Talk ATTENDEE:mailto:evil@x.test END:VEVENT", entry.Summary);
        Assert.Equal("Eve 'Quote' X-EVIL:1;CN=x:mailto:evil@x.test", Assert.Single(entry.Attendees).CommonName);
        Assert.Equal("https://events.example.test/events/making-good-things", entry.Url!.AbsoluteUri);
    }

    [Fact]
    public void TextSpecialCharactersAreEscapedAndReadBackUnchanged()
    {
        var @event = Event() with { Title = @"Costs, benefits; and C:\paths\n too" };

        var attachment = Files.Invite(@event, Registration(), ManageUrl, JoinUrl);

        Assert.Equal(@"SUMMARY:Costs\, benefits\; and C:\\paths\\n too", RawCalendar.From(attachment.Content).Properties("SUMMARY").Single());
        Assert.Equal(@event.Title, Parse(attachment).Events.Single().Summary);
    }

    [Fact]
    public void LongAndNonLatinTextIsFoldedAt75OctetsWithCrlfAndNoBrokenCharacters()
    {
        var title = string.Concat(Enumerable.Repeat("Good things 😀 \u202Eمرحبا\u202C ", 500))[..10_000];
        var @event = Event() with { Title = title, Summary = title };

        var attachment = Files.Invite(@event, Registration() with { Name = title }, ManageUrl, JoinUrl);

        var text = Encoding.UTF8.GetString(attachment.Content);
        Assert.DoesNotContain('\uFFFD', text);
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var lines = text[..^2].Split("\r\n");
        Assert.All(lines, line => Assert.InRange(Encoding.UTF8.GetByteCount(line), 1, 75));
        Assert.All(lines, line => Assert.DoesNotContain('\n', line));
        Assert.All(lines, line => Assert.DoesNotContain('\r', line));
        var entry = Parse(attachment).Events.Single();
        Assert.Equal(title.Trim(), entry.Summary);
        Assert.Equal(title.Trim(), Assert.Single(entry.Attendees).CommonName);
    }
}
