
namespace GoodThings.Events;

/// <summary>
/// Makes text safe for an RFC 5545 file and lays out its content lines. Ical.Net escapes TEXT values
/// (backslash, semicolon, comma, newline), but it passes parameter values (CN) and URIs through with any CR/LF
/// in them, and its line folding can split a surrogate pair (an emoji becomes two U+FFFD). So values are cleaned
/// here before they reach Ical.Net, and its output is unfolded, checked and folded again here.
/// </summary>
internal static class CalendarText
{
    private const int MaxLineOctets = 75;

    /// <summary>Text that may span lines (DESCRIPTION): line breaks kept as <c>\n</c>, other control characters gone.</summary>
    public static string Paragraphs(string? value) => Clean(value, newline: "\n");

    /// <summary>Text on one line (SUMMARY, LOCATION): line breaks become spaces.</summary>
    public static string Line(string? value) => Clean(value, newline: " ").Trim();

    /// <summary>
    /// A parameter value such as CN: one line, and no DQUOTE (RFC 5545 §3.2 forbids it even inside quotes;
    /// Ical.Net would drop it, an apostrophe reads better).
    /// </summary>
    public static string Parameter(string? value) => Line(value).Replace('"', '\'');

    /// <summary>A <c>mailto:</c> URI for an address, with nothing in it that could end the line or the value.</summary>
    public static Uri MailTo(string address)
    {
        var builder = new StringBuilder("mailto:", address.Length + 7);
        foreach (var rune in address.Trim().EnumerateRunes())
        {
            if (!Rune.IsControl(rune) && !Rune.IsWhiteSpace(rune) && rune != Rune.ReplacementChar && rune.Value != '"')
            {
                Append(builder, rune);
            }
        }

        return new Uri(builder.ToString(), UriKind.Absolute);
    }

    /// <summary>
    /// Unfolds Ical.Net's output, checks every content line starts with a property name (so no value can have
    /// injected a line), and folds again at 75 octets without splitting a UTF-8 sequence, with CRLF endings.
    /// </summary>
    public static string Layout(string serialized)
    {
        var unfolded = serialized.Replace("\r\n ", "", StringComparison.Ordinal).Replace("\r\n\t", "", StringComparison.Ordinal);
        var lines = unfolded.Split("\r\n");
        var result = new StringBuilder(serialized.Length + (serialized.Length / 64));
        foreach (var line in lines)
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (!IsContentLine(line))
            {
                throw new InvalidOperationException($"Calendar output has a malformed line starting '{line[..Math.Min(line.Length, 20)]}'.");
            }

            Fold(line, result);
        }

        return result.ToString();
    }

    private static bool IsContentLine(string line)
    {
        if (line.Contains('\r', StringComparison.Ordinal) || line.Contains('\n', StringComparison.Ordinal))
        {
            return false;
        }

        var nameEnd = line.AsSpan().IndexOfAny(';', ':');
        if (nameEnd <= 0)
        {
            return false;
        }

        foreach (var c in line.AsSpan(0, nameEnd))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-')
            {
                return false;
            }
        }

        return true;
    }

    private static void Fold(string line, StringBuilder result)
    {
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var length = rune.Utf8SequenceLength;
            if (octets + length > MaxLineOctets)
            {
                result.Append("\r\n ");
                octets = 1;
            }

            Append(result, rune);
            octets += length;
        }

        result.Append("\r\n");
    }

    private static string Clean(string? value, string newline)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var normalised = value.ReplaceLineEndings("\n");
        var builder = new StringBuilder(normalised.Length);
        foreach (var rune in normalised.EnumerateRunes())
        {
            if (rune.Value == '\n')
            {
                builder.Append(newline);
            }
            else if (rune.Value == '\t')
            {
                builder.Append(' ');
            }
            else if (!Rune.IsControl(rune))
            {
                // EnumerateRunes has already turned any lone surrogate into U+FFFD.
                Append(builder, rune);
            }
        }

        return builder.ToString();
    }

    private static void Append(StringBuilder builder, Rune rune)
    {
        Span<char> utf16 = stackalloc char[2];
        builder.Append(utf16[..rune.EncodeToUtf16(utf16)]);
    }
}
