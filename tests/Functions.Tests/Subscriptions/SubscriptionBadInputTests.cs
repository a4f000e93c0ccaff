using GoodThings.Validation;

namespace GoodThings.Subscriptions;

/// <summary>Bad input on the newsletter routes: a 4xx problem, nothing stored or changed, nobody emailed.</summary>
public sealed class SubscriptionBadInputTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    /// <summary>A subscribed reader (topic "housing") whose links a case may use, and an address nobody has used.</summary>
    public sealed record Scene(string Reader, string Token, string Newcomer);

    public sealed record Case(HttpMethod Method, string Route, Func<Scene, HttpContent?> Body, int Status, string? Field = null);

    private static readonly Dictionary<string, Case> Cases = new(StringComparer.Ordinal)
    {
        ["subscribe: malformed JSON"] = Subscribe(s => EventsApi.Raw($"{{\"email\": \"{s.Newcomer}\"")),
        ["subscribe: text/plain"] = Subscribe(s => EventsApi.Raw(JsonSerializer.Serialize(new { email = s.Newcomer }), "text/plain")) with { Status = 415 },
        ["subscribe: form encoded"] = Subscribe(s => EventsApi.Raw($"email={Uri.EscapeDataString(s.Newcomer)}", "application/x-www-form-urlencoded")) with { Status = 415 },
        ["subscribe: body over 64 KiB"] = Subscribe(s => Json(new { email = s.Newcomer, name = new string('n', 70_000) })) with { Status = 413 },
        ["subscribe: email missing"] = Subscribe(_ => Json(new { name = "Ada" }), "email"),
        ["subscribe: email not an address"] = Subscribe(_ => Json(new { email = "not-an-address" }), "email"),
        ["subscribe: email with CRLF"] = Subscribe(s => Json(new { email = $"{s.Newcomer}\r\nBcc: all@example.test" }), "email"),
        ["subscribe: email is a number"] = Subscribe(_ => Json(new { email = 5 }), "email"),
        ["subscribe: name with HTML"] = Subscribe(s => Json(new { email = s.Newcomer, name = "<script>alert(1)</script>" }), "name"),
        ["subscribe: name with CRLF"] = Subscribe(s => Json(new { email = s.Newcomer, name = "Ada\r\nBcc: x@example.test" }), "name"),
        ["subscribe: name over 200"] = Subscribe(s => Json(new { email = s.Newcomer, name = new string('n', 201) }), "name"),
        ["subscribe: topics a string"] = Subscribe(s => Json(new { email = s.Newcomer, topics = "housing" }), "topics"),
        ["subscribe: topic with HTML"] = Subscribe(s => Json(new { email = s.Newcomer, topics = new[] { "<b>housing</b>" } }), "topics[0]"),
        ["subscribe: topic over 50"] = Subscribe(s => Json(new { email = s.Newcomer, topics = new[] { new string('t', 51) } }), "topics[0]"),
        ["subscribe: a null topic"] = Subscribe(s => Json(new { email = s.Newcomer, topics = new string?[] { null } }), "topics[0]"),
        ["subscribe: 21 topics"] = Subscribe(s => Json(new { email = s.Newcomer, topics = Enumerable.Range(0, 21).Select(i => $"t{i}") }), "topics"),
        ["subscribe: unknown field"] = Subscribe(s => Json(new { email = s.Newcomer, status = "subscribed" }), "status"),
        ["confirm: malformed JSON"] = new(HttpMethod.Post, "api/subscriptions/confirm", _ => EventsApi.Raw("{\"token\": "), 400),
        ["confirm: token a number"] = new(HttpMethod.Post, "api/subscriptions/confirm", _ => Json(new { token = 5 }), 400, "token"),
        ["confirm: the manage token"] = new(HttpMethod.Post, "api/subscriptions/confirm", s => Json(new { token = s.Token }), 404),
        ["unsubscribe: JSON body"] = new(HttpMethod.Post, "api/subscriptions/unsubscribe?token={token}", _ => Json(new { listUnsubscribe = "One-Click" }), 415),
        ["unsubscribe: no body"] = new(HttpMethod.Post, "api/subscriptions/unsubscribe?token={token}", _ => null, 415),
        ["unsubscribe: not One-Click"] = new(HttpMethod.Post, "api/subscriptions/unsubscribe?token={token}", _ => EventsApi.Raw("List-Unsubscribe=Later", "application/x-www-form-urlencoded"), 400, "List-Unsubscribe"),
        ["unsubscribe: broken multipart"] = new(HttpMethod.Post, "api/subscriptions/unsubscribe?token={token}", _ => EventsApi.Raw("--b\r\nContent-Disposition: form-data; name=\"List-Unsub", "multipart/form-data; boundary=b"), 400),
        ["unsubscribe: multipart without its closing boundary"] = new(HttpMethod.Post, "api/subscriptions/unsubscribe?token={token}", _ => EventsApi.Raw("--b\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n", "multipart/form-data; boundary=b"), 400),
        ["unsubscribe: form over 64 KiB"] = new(HttpMethod.Post, "api/subscriptions/unsubscribe?token={token}", _ => EventsApi.Raw("List-Unsubscribe=One-Click&pad=" + new string('p', 70_000), "application/x-www-form-urlencoded"), 413),
        ["unsubscribe: small fields over 64 KiB in all"] = new(HttpMethod.Post, "api/subscriptions/unsubscribe?token={token}", _ => EventsApi.Raw("List-Unsubscribe=One-Click" + string.Concat(Enumerable.Range(0, 40).Select(i => $"&pad{i}={new string('p', 2_000)}")), "application/x-www-form-urlencoded"), 413),
        ["unsubscribe: multipart over 64 KiB in all"] = new(HttpMethod.Post, "api/subscriptions/unsubscribe?token={token}", _ => EventsApi.Raw("--b\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"--b\r\nContent-Disposition: form-data; name=\"pad{i}\"\r\n\r\n{new string('p', 2_000)}\r\n")) + "--b--\r\n", "multipart/form-data; boundary=b"), 413),
        ["unsubscribe: no token"] = new(HttpMethod.Post, "api/subscriptions/unsubscribe", _ => EventsApi.Raw("List-Unsubscribe=One-Click", "application/x-www-form-urlencoded"), 404),
        ["preferences: name with HTML"] = Preferences(_ => Json(new { name = "<i>Ada</i>", topics = new[] { "transport" } }), "name"),
        ["preferences: topic with CRLF"] = Preferences(_ => Json(new { topics = new[] { "transport\r\n" + "x" } }), "topics[0]"),
        ["preferences: unknown field"] = Preferences(_ => Json(new { topics = new[] { "transport" }, status = "unsubscribed" }), "status"),
        ["preferences: text/plain"] = Preferences(_ => EventsApi.Raw("{\"topics\": []}", "text/plain")) with { Status = 415 },
        ["preferences: path trick in token"] = new(HttpMethod.Get, "api/subscriptions/preferences?token=..%2F..%2Fmanage%2Fevents", _ => null, 404),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task BadInputGetsAProblemAndChangesNothing(string name)
    {
        var @case = Cases[name];
        var scene = new Scene(Address("reader"), "", Address("newcomer"));
        scene = scene with { Token = await SubscribedAsync(fixture, scene.Reader, "housing") };
        var before = (await StoredAsync(fixture.App, scene.Reader))!.Subscriber;
        var emailsBefore = fixture.SendGrid.Calls.To(scene.Reader).Count;

        var response = await fixture.App.Client.SendAsync(
            new HttpRequestMessage(@case.Method, @case.Route.Replace("{token}", scene.Token, StringComparison.Ordinal)) { Content = @case.Body(scene) });

        await EventsApi.AssertProblemAsync(response, @case.Status, @case.Field);
        var after = (await StoredAsync(fixture.App, scene.Reader))!.Subscriber;
        Assert.Equal((before.Status, before.Name, string.Join(',', before.Topics), before.Consent), (after.Status, after.Name, string.Join(',', after.Topics), after.Consent));
        Assert.Null(await StoredAsync(fixture.App, scene.Newcomer));
        await Settle.EmailsAsync(fixture.App);
        Assert.Empty(fixture.SendGrid.Calls.To(scene.Newcomer));
        Assert.Equal(emailsBefore, fixture.SendGrid.Calls.To(scene.Reader).Count);
    }

    private static Case Subscribe(Func<Scene, HttpContent?> body, string? field = null) => new(HttpMethod.Post, "api/subscriptions", body, 400, field);

    private static Case Preferences(Func<Scene, HttpContent?> body, string? field = null) => new(HttpMethod.Put, "api/subscriptions/preferences?token={token}", body, 400, field);

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body, JsonBinding.Options), System.Text.Encoding.UTF8, "application/json");
}
