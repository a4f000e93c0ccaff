using System.Net.Http.Headers;

namespace GoodThings.Registrations;

/// <summary>
/// Names the validator accepts but that are hostile somewhere downstream: HTML in emails, formulas in spreadsheets,
/// quotes and line breaks in CSV, direction overrides in text.
/// </summary>
public sealed partial class HostileNamesTests(GoodThingsAppFixture fixture) : IClassFixture<GoodThingsAppFixture>
{
    private const string RightToLeftOverride = "\u202E";

    private static readonly string[] HostileNames =
    [
        "Zoë \"Zed\" O'Neil & Co",
        "=HYPERLINK(\"http://evil.example\",\"Click\")",
        "+SUM(A1)",
        "-2+3",
        "@cmd",
        $"Ada{RightToLeftOverride}gpj.exe",
        "Ada <3 & >_<",
        "Smith, Jane",
    ];

    [Fact]
    public async Task HostileNamesAreEscapedInTheConfirmationEmail()
    {
        var (id, slug) = await EventAsync();
        var people = await RegisterAllAsync(id, slug);

        var emails = await EventsApi.EmailsForEventAsync(fixture, id, people.Count);

        foreach (var (name, email, _) in people)
        {
            var confirmation = Assert.Single(emails.To(email));
            var greeting = Greeting().Match(confirmation.Html());
            Assert.True(greeting.Success, $"no greeting in the email to {email}");
            var raw = greeting.Groups["name"].Value;
            Assert.DoesNotMatch("[<>\"']", raw);
            Assert.DoesNotMatch("&(?!(amp|lt|gt|quot|apos|#39|#x27|#34|#x22|#\\d+);)", raw);
            Assert.Equal(name.Replace(RightToLeftOverride, "", StringComparison.Ordinal), WebUtility.HtmlDecode(raw));
            Assert.DoesNotContain(RightToLeftOverride, confirmation.Html(), StringComparison.Ordinal);
            Assert.DoesNotContain(RightToLeftOverride, confirmation.Text(), StringComparison.Ordinal);
            Assert.DoesNotContain(RightToLeftOverride, confirmation.Subject(), StringComparison.Ordinal);
        }

        var zoe = Assert.Single(emails.To(people[0].Email));
        Assert.Contains("Zoë &quot;Zed&quot; O&#39;Neil &amp; Co", zoe.Html(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("format=csv", null)]
    [InlineData(null, "text/csv")]
    public async Task TheCsvExportIsFormulaSafeQuotedUtf8AndReadsBackToTheSameValues(string? query, string? accept)
    {
        var (id, slug) = await EventAsync();
        var people = await RegisterAllAsync(id, slug);
        var request = new HttpRequestMessage(HttpMethod.Get, $"api/manage/events/{id}/registrations{(query is null ? "" : "?" + query)}");
        if (accept is not null)
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        }

        var response = await fixture.App.KeyedClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet, ignoreCase: true);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        text = text.TrimStart('\uFEFF');
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        Assert.DoesNotMatch("(?<!\r)\n", Unquoted(text)); // every record ends in CRLF; bare LFs only inside quotes
        var records = Rfc4180.Parse(text);
        var header = records[0];
        Assert.Equal(new[] { "id", "name", "email", "organisation", "accessibilityNeeds", "status", "waitlistPosition", "registeredAt", "cancelledAt", "checkedInAt", "invited" }, header);
        Assert.All(records, r => Assert.Equal(header.Count, r.Count));
        var rows = records.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal)).ToList();
        Assert.Equal(people.Count, rows.Count);
        foreach (var (name, email, registrationId) in people)
        {
            var row = Assert.Single(rows, r => r["id"] == registrationId);
            Assert.Equal(FormulaSafe(name), row["name"]);
            Assert.Equal(email, row["email"]);
            Assert.Equal(FormulaSafe(Organisation(name)), row["organisation"]);
            Assert.Equal(FormulaSafe(Needs(name)), row["accessibilityNeeds"]);
            Assert.Equal("confirmed", row["status"]);
            Assert.Equal("false", row["invited"]);
        }

        Assert.All(rows.SelectMany(r => r.Values), cell => Assert.DoesNotMatch("^[=+\\-@\t\r]", cell));
    }

    [Fact]
    public async Task TheJsonListKeepsTheNamesAsGiven()
    {
        var (id, slug) = await EventAsync();
        var people = await RegisterAllAsync(id, slug);

        var list = await EventsApi.RegistrationsAsync(fixture.App, id);

        var byId = list.EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        foreach (var (name, _, registrationId) in people)
        {
            Assert.Equal(name, byId[registrationId].GetProperty("name").GetString());
            Assert.Equal(Needs(name), byId[registrationId].GetProperty("accessibilityNeeds").GetString());
        }
    }

    private async Task<(string Id, string Slug)> EventAsync()
    {
        var created = await EventsApi.CreateEventAsync(fixture.App, EventsApi.EventBody(capacity: 100));
        return (created.GetProperty("id").GetString()!, created.GetProperty("slug").GetString()!);
    }

    private async Task<List<(string Name, string Email, string RegistrationId)>> RegisterAllAsync(string id, string slug)
    {
        var people = new List<(string, string, string)>();
        for (var i = 0; i < HostileNames.Length; i++)
        {
            var name = HostileNames[i];
            var email = EventsApi.Address($"person{i}", id);
            var response = await fixture.App.Client.PostAsJsonAsync(
                $"api/events/{slug}/registrations", new { name, email, organisation = Organisation(name), accessibilityNeeds = Needs(name) });
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            people.Add((name, email, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("registrationId").GetString()!));
        }

        return people;
    }

    private static string Organisation(string name) => $"{name[..1]}cme, \"Holdings\"";

    private static string Needs(string name) => $"{name}; \"quiet\" room, please\r\nStep-free access";

    private static string FormulaSafe(string cell) => cell.Length > 0 && "=+-@\t\r".Contains(cell[0], StringComparison.Ordinal) ? "'" + cell : cell;

    /// <summary>The text with quoted fields removed, to look at record separators only.</summary>
    private static string Unquoted(string csv) => QuotedField().Replace(csv, "");

    [GeneratedRegex(@"<p>Hi (?<name>.*?),</p>", RegexOptions.Singleline)]
    private static partial Regex Greeting();

    [GeneratedRegex("\"(?:[^\"]|\"\")*\"")]
    private static partial Regex QuotedField();

    /// <summary>A strict RFC 4180 reader: fields separated by commas, records by CRLF, quotes doubled inside quoted fields.</summary>
    private static class Rfc4180
    {
        public static List<List<string>> Parse(string text)
        {
            var records = new List<List<string>>();
            var record = new List<string>();
            var field = new StringBuilder();
            var i = 0;
            while (i < text.Length)
            {
                if (text[i] == '"' && field.Length == 0)
                {
                    i++;
                    while (true)
                    {
                        Assert.True(i < text.Length, "unterminated quoted field");
                        if (text[i] == '"')
                        {
                            if (i + 1 < text.Length && text[i + 1] == '"')
                            {
                                field.Append('"');
                                i += 2;
                                continue;
                            }

                            i++;
                            break;
                        }

                        field.Append(text[i++]);
                    }

                    Assert.True(i == text.Length || text[i] == ',' || text[i] == '\r', $"text after a closing quote at {i}");
                    continue;
                }

                switch (text[i])
                {
                    case ',':
                        record.Add(field.ToString());
                        field.Clear();
                        i++;
                        break;
                    case '\r':
                        Assert.True(i + 1 < text.Length && text[i + 1] == '\n', $"CR without LF at {i}");
                        record.Add(field.ToString());
                        field.Clear();
                        records.Add(record);
                        record = [];
                        i += 2;
                        break;
                    default:
                        Assert.False(text[i] is '"' or '\n', $"a bare {(text[i] == '"' ? "quote" : "LF")} in an unquoted field at {i}");
                        field.Append(text[i++]);
                        break;
                }
            }

            Assert.True(field.Length == 0 && record.Count == 0, "the last record does not end in CRLF");
            return records;
        }
    }
}
