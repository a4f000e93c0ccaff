namespace GoodThings.Events;

/// <summary>
/// Table Storage refuses a string property over 64 KiB (Azurite does not), so the largest valid event, in any script,
/// must store every property within it, and what could not fit is refused up front with a 400.
/// </summary>
public sealed class PropertySizeTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    /// <summary>Cyrillic, Chinese, Arabic and Devanagari, and the characters JSON escapes by default for HTML's sake.</summary>
    public static TheoryData<string> Scripts => ["Здравствуйте", "公共服务交付", "الخدمات العامة", "सार्वजनिक सेवा", "Tom & Jerry's \"best\" +1"];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void TheLargestValidEventStoresEveryPropertyWithinTheLimit(string text)
    {
        // Every text is in the basic plane, so cutting anywhere leaves whole characters.
        string Fill(int length) => string.Concat(Enumerable.Repeat(text, length / text.Length + 1))[..length].Trim();
        var input = new EventInput(
            null, Fill(200), Fill(500), Fill(20_000), "2030-03-03T18:00:00Z", "2030-03-03T20:00:00Z", "Europe/London", "online", null, "https://meet.example.org/x",
            100, null,
            [.. Enumerable.Range(0, 20).Select(i => $"{i}{Fill(48)}")],
            [.. Enumerable.Range(0, 50).Select(_ => new SpeakerInput { Name = Fill(200), Role = Fill(200) })],
            null);
        var validator = new Validation.Validator();

        var content = EventValidation.Validate(input, validator);

        Assert.True(validator.IsValid, string.Join("; ", validator.Errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        var record = content!.ApplyTo(new EventRecord
        {
            Id = "e", Slug = "s", Title = content.Title, StartsAt = content.StartsAt, EndsAt = content.EndsAt, TimeZone = content.TimeZone, Format = content.Format,
        });
        var entity = EventRows.ToEntity(record, nextTicket: 1);
        Assert.All(entity.Where(p => p.Value is string), p => Assert.True(((string)p.Value!).Length <= EventRows.MaxPropertyChars, $"{p.Key} is {((string)p.Value!).Length} UTF-16 code units"));
        Assert.Equal(record.Speakers, EventRows.ToEvent(entity).Speakers);
    }

    [Fact]
    public async Task SpeakersThatCannotFitInAPropertyAreRefusedAndNothingIsStored()
    {
        // 100 emoji are 200 UTF-16 code units, the most a name may hold: 400 bytes as sent, but stored escaped, 1 200 characters.
        const string Placeholder = "EMOJI";
        var body = EventsApi.EventBody();
        body["speakers"] = Enumerable.Range(0, 50).Select(_ => new { name = Placeholder, role = Placeholder }).ToArray();
        var json = JsonSerializer.Serialize(body).Replace($"\"{Placeholder}\"", $"\"{string.Concat(Enumerable.Repeat("🎉", 100))}\"", StringComparison.Ordinal);
        var before = await fixture.App.KeyedClient.GetStringAsync("api/manage/events");

        var response = await fixture.App.KeyedClient.PostAsync("api/manage/events", EventsApi.Raw(json));

        await EventsApi.AssertProblemAsync(response, 400, "speakers");
        Assert.Equal(before, await fixture.App.KeyedClient.GetStringAsync("api/manage/events"));
    }
}
