using System.Buffers;
using System.Text.Unicode;
using CsvHelper;

namespace GoodThings.Invitations;

/// <summary>The JSON body of an invite request.</summary>
public sealed class InvitationsRequest
{
    public List<InviteeInput?>? Invitees { get; set; }

    /// <summary>Markdown from the organisers, shown in every invitation; raw HTML in it is shown as text.</summary>
    public string? Message { get; set; }
}

public sealed class InviteeInput
{
    public string? Name { get; set; }

    public string? Email { get; set; }
}

/// <summary>One invitee as sent; <paramref name="Row"/> counts from 1 (in a CSV file, the first row under the header).</summary>
public sealed record InviteeRow(int Row, string? Name, string? Email);

/// <summary>A request's invitees, each still to be checked on its own, and the organisers' message.</summary>
public sealed record InviteList(IReadOnlyList<InviteeRow> Rows, string? Message);

/// <summary>An invitee who passed the checks: name trimmed (possibly empty), address trimmed.</summary>
public sealed record ValidInvitee(int Row, string Name, string Email);

/// <summary>
/// Reads invite requests. What is wrong with the request as a whole (not JSON or CSV, no <c>email</c> column, more
/// than <see cref="MaxInvitees"/> rows, a bad message) refuses it; what is wrong with one row is that row's answer.
/// </summary>
public static class InvitationInput
{
    public const int MaxInvitees = 1000;

    /// <summary>A thousand rows of names and addresses, with room to spare.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public const int MaxMessageLength = 20_000;

    public const string CsvMediaType = "text/csv";

    // Spreadsheets run a cell that starts with one of these as a formula; an invitee list has no use for one.
    private static readonly SearchValues<char> FormulaStarts = SearchValues.Create("=+-@\t\r");

    public static InviteList? FromJson(InvitationsRequest body, Validator v)
    {
        var message = Message(body.Message, v);
        if (body.Invitees is not { Count: > 0 } invitees)
        {
            v.Add("invitees", "is required: at least one {name, email}");
            return null;
        }

        if (invitees.Count > MaxInvitees)
        {
            v.Add("invitees", $"must hold at most {MaxInvitees} invitees a request; send the rest in another");
        }

        return v.IsValid ? new InviteList([.. invitees.Select((invitee, i) => new InviteeRow(i + 1, invitee?.Name, invitee?.Email))], message) : null;
    }

    /// <summary>A UTF-8 CSV file with a header row naming an <c>email</c> column (and usually <c>name</c>).</summary>
    /// <returns>The list, or why the file is refused.</returns>
    public static (InviteList? List, string? Problem) FromCsv(byte[] body, string? message, Validator v)
    {
        var checkedMessage = Message(message, v);
        var bytes = body.AsMemory();
        if (bytes.Span.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        // UTF-16 text without a byte order mark (some spreadsheets' "Unicode text") is valid UTF-8, but full of NULs.
        if (!Utf8.IsValid(bytes.Span) || bytes.Span.Contains((byte)0))
        {
            return (null, "The file is not UTF-8 text. Save it as \"CSV UTF-8\" and send it again.");
        }

        var rows = new List<InviteeRow>();
        try
        {
            using var reader = CsvReader.Create(bytes, new CsvReaderOptions
            {
                Separator = ',',
                TrimWhitespace = true,
                MalformedData = CsvMalformedDataHandling.Throw,
                // The values are people's names and addresses: no error message repeats them.
                IncludeValuesInExceptions = false,
            });
            if (!reader.TryGetFieldIndex("email", out var email))
            {
                return (null, "The file has no email column: its first row must name the columns, for example \"name,email\".");
            }

            var hasName = reader.TryGetFieldIndex("name", out var name);
            while (reader.Read())
            {
                if (rows.Count == MaxInvitees)
                {
                    return (null, $"The file holds more than {MaxInvitees} invitees; send at most {MaxInvitees} a request.");
                }

                rows.Add(new InviteeRow(rows.Count + 1, hasName ? reader.GetString(name) : null, reader.GetString(email)));
            }
        }
        catch (CsvFormatException exception)
        {
            return (null, $"The file is not valid CSV (record {exception.RecordNumber}): check its quotes.");
        }

        if (rows.Count == 0)
        {
            return (null, "The file has a header row but no invitees.");
        }

        return v.IsValid ? (new InviteList(rows, checkedMessage), null) : (null, null);
    }

    /// <summary>Checks one row: the address must be one, the name one line of at most 200, neither a spreadsheet formula.</summary>
    /// <returns>The invitee, or the reason the row is invalid.</returns>
    public static (ValidInvitee? Invitee, string? Reason) Check(InviteeRow row)
    {
        var v = new Validator();
        var name = v.Text("name", row.Name, 200);
        var email = v.Email("email", row.Email);
        foreach (var (field, value) in new[] { ("name", row.Name?.Trim()), ("email", row.Email?.Trim()) })
        {
            if (!string.IsNullOrEmpty(value) && FormulaStarts.Contains(value[0]))
            {
                v.Add(field, "must not start with =, +, -, @ or a tab: spreadsheets run such a cell as a formula");
            }
        }

        return v.IsValid
            ? (new ValidInvitee(row.Row, name ?? "", email!), null)
            : (null, string.Join("; ", v.Errors.SelectMany(e => e.Value.Select(message => $"{e.Key} {message}"))));
    }

    private static string? Message(string? message, Validator v) => v.Text("message", message, MaxMessageLength, multiLine: true, allowMarkup: true);
}
