using GoodThings.Tokens;

namespace GoodThings.Registrations;

/// <summary>A manage link whose token is tampered with, expired or meant for something else opens nothing.</summary>
public sealed class ManageTokenTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    /// <summary>Ways to spoil a good token, given the token and the registration's token subject ("{eventId}.{registrationId}").</summary>
    private static readonly Dictionary<string, Func<TokenService, string, string, string>> Spoilers = new(StringComparer.Ordinal)
    {
        ["a character of the payload flipped"] = (_, token, _) => Flip(token, 5),
        ["a character of the MAC flipped"] = (_, token, _) => Flip(token, token.IndexOf('.', StringComparison.Ordinal) + 5),
        ["the MAC cut short"] = (_, token, _) => token[..^4],
        ["the MAC missing"] = (_, token, _) => token[..token.IndexOf('.', StringComparison.Ordinal)],
        ["another payload with the original MAC"] = (_, token, subject) =>
            Base64Url($"registration|{subject[..^1]}0|{DateTimeOffset.UtcNow.AddDays(400).ToUnixTimeSeconds()}") + token[token.IndexOf('.', StringComparison.Ordinal)..],
        ["a later expiry with the original MAC"] = (_, token, subject) =>
            Base64Url($"registration|{subject}|{DateTimeOffset.UtcNow.AddDays(4000).ToUnixTimeSeconds()}") + token[token.IndexOf('.', StringComparison.Ordinal)..],
        ["expired"] = (tokens, _, subject) => tokens.Create(RegistrationService.TokenPurpose, subject, DateTimeOffset.UtcNow.AddMinutes(-1)),
        ["for unsubscribing"] = (tokens, _, subject) => tokens.Create("unsubscribe", subject, DateTimeOffset.UtcNow.AddDays(30)),
        ["signed with another key"] = (_, _, subject) => Sign("another-signing-key-that-is-long-enough-0123456789", $"registration|{subject}|{DateTimeOffset.UtcNow.AddDays(30).ToUnixTimeSeconds()}"),
        ["not a token"] = (_, _, _) => "not-a-token",
    };

    public static TheoryData<string, bool> Cases
    {
        get
        {
            var cases = new TheoryData<string, bool>();
            foreach (var spoiler in Spoilers.Keys)
            {
                cases.Add(spoiler, false);
                cases.Add(spoiler, true);
            }

            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ASpoiltTokenIsNotFoundAndChangesNothing(string spoiler, bool cancel)
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(capacity: 1));
        var id = created.GetProperty("id").GetString()!;
        var slug = created.GetProperty("slug").GetString()!;
        var ada = await EventsApi.RegisteredAsync(fixture.App, slug, "Ada", EventsApi.Address("ada", id));
        await EventsApi.RegisteredAsync(fixture.App, slug, "Grace", EventsApi.Address("grace", id));
        var token = await EventsApi.ManageTokenAsync(fixture.SendGrid, EventsApi.Address("ada", id));
        await EventsApi.EmailsForEventAsync(fixture, id, 2);
        var before = await EventsApi.SnapshotAsync(fixture.App, id);
        var spoilt = Spoilers[spoiler](fixture.App.Services.GetRequiredService<TokenService>(), token, $"{id}.{ada.GetProperty("registrationId").GetString()}");

        var response = cancel
            ? await fixture.App.Client.PostAsync($"api/registrations/{spoilt}/cancel", null)
            : await fixture.App.Client.GetAsync($"api/registrations/{spoilt}");

        Assert.NotEqual(token, spoilt);
        await EventsApi.AssertProblemAsync(response, 404);
        Assert.Equal(before, await EventsApi.SnapshotAsync(fixture.App, id));
        var view = await fixture.App.Client.GetFromJsonAsync<JsonElement>($"api/registrations/{token}");
        Assert.Equal("confirmed", view.GetProperty("status").GetString());
        await Settle.EmailsAsync(fixture.App);
        Assert.Equal(2, fixture.SendGrid.Calls.ForEvent(id).Count);
    }

    [Fact]
    public async Task TheGoodTokenStillWorks()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody());
        var id = created.GetProperty("id").GetString()!;
        await EventsApi.RegisteredAsync(fixture.App, created.GetProperty("slug").GetString()!, "Ada", EventsApi.Address("ada", id));
        var token = await EventsApi.ManageTokenAsync(fixture.SendGrid, EventsApi.Address("ada", id));

        var response = await fixture.App.Client.GetAsync($"api/registrations/{token}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Ada", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString());
    }

    private static string Flip(string token, int index)
    {
        var chars = token.ToCharArray();
        chars[index] = chars[index] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private static string Base64Url(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));

    private static string Sign(string key, string payload) =>
        $"{Base64Url(payload)}.{System.Buffers.Text.Base64Url.EncodeToString(System.Security.Cryptography.HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(payload)))}";
}
