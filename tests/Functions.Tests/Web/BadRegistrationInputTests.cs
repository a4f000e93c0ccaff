using static GoodThings.Web.BadInput;

namespace GoodThings.Web;

/// <summary>
/// Bad input on the public registration routes: every case gets a 4xx problem (never a 5xx), and the events, the
/// registrations and the outbox are as they were before: nothing stored, nobody emailed.
/// </summary>
public sealed class BadRegistrationInputTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    private static readonly Dictionary<string, Case> Cases = new(StringComparer.Ordinal)
    {
        // Registration: body shape.
        ["registration: malformed JSON"] = Register("{\"name\": \"Ada\", \"email\": "),
        ["registration: trailing comma"] = Register(s => Raw($"{{\"name\": \"Ada\", \"email\": \"{s.Newcomer}\",}}")),
        ["registration: comment in JSON"] = Register(s => Raw($"{{/* hi */ \"name\": \"Ada\", \"email\": \"{s.Newcomer}\"}}")),
        ["registration: empty body"] = Register(""),
        ["registration: body is an array"] = Register(s => Raw($"[{{\"name\": \"Ada\", \"email\": \"{s.Newcomer}\"}}]")),
        ["registration: body is null"] = Register("null"),
        ["registration: nested 40 deep"] = Register(s => Raw($"{{\"name\": \"Ada\", \"email\": \"{s.Newcomer}\", \"organisation\": {new string('[', 40)}{new string(']', 40)}}}")),
        ["registration: duplicate keys"] = Register(s => Raw($"{{\"name\": \"<script>alert(1)</script>\", \"email\": \"{s.Newcomer}\", \"name\": \"Ada\"}}")),
        ["registration: text/plain"] = Register(s => Raw(JsonText(RegistrationBody(s)), "text/plain")) with { Status = 415 },
        ["registration: form encoded"] = Register(s => Raw($"name=Ada&email={Uri.EscapeDataString(s.Newcomer)}", "application/x-www-form-urlencoded")) with { Status = 415 },
        ["registration: no content type"] = Register(s => NoContentType(JsonText(RegistrationBody(s)))) with { Status = 415 },
        ["registration: UTF-16 charset"] = Register(s => Raw(JsonText(RegistrationBody(s)), "application/json; charset=utf-16")) with { Status = 415 },
        ["registration: body over 64 KiB"] = Register(s => JsonBody(RegistrationBody(s, b => b["accessibilityNeeds"] = new string('a', 70_000)))) with { Status = 413 },
        ["registration: body of 64 KiB and one byte"] = Register(s => Raw(PaddedTo(JsonRequests.MaxBodyBytes + 1, s))) with { Status = 413 },
        ["registration: body of exactly 64 KiB"] = Register(s => Raw(PaddedTo(JsonRequests.MaxBodyBytes, s)), "accessibilityNeeds"),
        ["registration: chunked body over 64 KiB"] = Register(s => Chunked(JsonText(RegistrationBody(s, b => b["accessibilityNeeds"] = new string('a', 70_000))))) with { Status = 413 },
        ["registration: invalid UTF-8"] = Register(s => Raw([.. Encoding.UTF8.GetBytes("{\"name\": \"Ad"), 0xFF, 0xFE, .. Encoding.UTF8.GetBytes($"a\", \"email\": \"{s.Newcomer}\"}}")])),
        ["registration: unpaired surrogate"] = Register(s => Raw($"{{\"name\": \"Ada \\ud800\", \"email\": \"{s.Newcomer}\"}}")),

        // Registration: fields.
        ["registration: name is a number"] = Register(s => JsonBody(RegistrationBody(s, b => b["name"] = 5)), "name"),
        ["registration: subscribe is a string"] = Register(s => JsonBody(RegistrationBody(s, b => b["subscribe"] = "yes")), "subscribe"),
        ["registration: name missing"] = Register(s => JsonBody(RegistrationBody(s, b => b.Remove("name"))), "name"),
        ["registration: name blank"] = Register(s => JsonBody(RegistrationBody(s, b => b["name"] = "   ")), "name"),
        ["registration: email missing"] = Register(s => JsonBody(RegistrationBody(s, b => b.Remove("email"))), "email"),
        ["registration: email not an address"] = Register(s => JsonBody(RegistrationBody(s, b => b["email"] = "not-an-address")), "email"),
        ["registration: email with CRLF"] = Register(s => JsonBody(RegistrationBody(s, b => b["email"] = $"{s.Newcomer}\r\nBcc: all@example.test")), "email"),
        ["registration: unknown field"] = Register(s => JsonBody(RegistrationBody(s, b => b["status"] = "confirmed")), "status"),
        ["registration: name with CRLF"] = Register(s => JsonBody(RegistrationBody(s, b => b["name"] = "Ada\r\nBcc: all@example.test")), "name"),
        ["registration: name with HTML"] = Register(s => JsonBody(RegistrationBody(s, b => b["name"] = "<script>alert(1)</script>")), "name"),
        ["registration: name over 200"] = Register(s => JsonBody(RegistrationBody(s, b => b["name"] = new string('n', 201))), "name"),
        ["registration: organisation with CRLF"] = Register(s => JsonBody(RegistrationBody(s, b => b["organisation"] = "Acme\nLtd")), "organisation"),
        ["registration: organisation with HTML"] = Register(s => JsonBody(RegistrationBody(s, b => b["organisation"] = "<a href=\"https://evil.example\">Acme</a>")), "organisation"),
        ["registration: accessibilityNeeds with HTML"] = Register(s => JsonBody(RegistrationBody(s, b => b["accessibilityNeeds"] = "Step-free <img src=x onerror=alert(1)>")), "accessibilityNeeds"),
        ["registration: accessibilityNeeds over 1000"] = Register(s => JsonBody(RegistrationBody(s, b => b["accessibilityNeeds"] = new string('a', 1001))), "accessibilityNeeds"),
        ["registration: path trick in slug"] = new(HttpMethod.Post, "api/events/..%2F..%2Fmanage%2Fevents/registrations", s => JsonBody(RegistrationBody(s)), 404),
        ["registration: dot segments towards manage"] = new(HttpMethod.Post, "api/events/..%2F..%2Fmanage/registrations", s => JsonBody(RegistrationBody(s)), 404),
        ["registration: double-encoded slash in slug"] = new(HttpMethod.Post, "api/events/{slug}%252F..%252F{slug}/registrations", s => JsonBody(RegistrationBody(s)), 404),
        ["registration: very long slug"] = new(HttpMethod.Post, $"api/events/{new string('a', 600)}/registrations", s => JsonBody(RegistrationBody(s)), 404),
        ["registration: slug in upper case"] = new(HttpMethod.Post, "api/events/{SLUG}/registrations", s => JsonBody(RegistrationBody(s)), 404),
        ["registration view: path trick in token"] = new(HttpMethod.Get, "api/registrations/..%2F..%2Fmanage%2Fevents", _ => null, 404),
        ["registration cancel: very long token"] = new(HttpMethod.Post, $"api/registrations/{new string('x', 3000)}.{new string('y', 100)}/cancel", _ => null, 404),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public Task BadInputGetsAProblemAndStoresNothing(string name) => AssertProblemAndNothingChangedAsync(fixture, Cases[name]);
}
