using System.Buffers;
using System.Text;

namespace GoodThings.Templates.Rendering;

/// <summary>
/// Makes a value that came from a person safe to place in a message: control characters go (tab and
/// newline stay, line breaks become <c>\n</c>), and so do the invisible directional embeddings,
/// overrides and isolates (U+202A–U+202E, U+2066–U+2069) that could reorder the text around the value.
/// Right-to-left marks (U+200E, U+200F, U+061C) stay: they do not reach past their neighbours.
/// </summary>
internal static class PersonText
{
    private static readonly SearchValues<char> NeedsWork = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000B\u000C\r\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F" +
        "\u007F\u0080\u0081\u0082\u0083\u0084\u0085\u0086\u0087\u0088\u0089\u008A\u008B\u008C\u008D\u008E\u008F" +
        "\u0090\u0091\u0092\u0093\u0094\u0095\u0096\u0097\u0098\u0099\u009A\u009B\u009C\u009D\u009E\u009F" +
        "\u2028\u2029\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");

    private static readonly SearchValues<char> HtmlSpecial = SearchValues.Create("&<>\"'");

    public static bool IsDirectionalControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';

    public static string Neutralise(string value)
    {
        if (value.AsSpan().IndexOfAny(NeedsWork) < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\r')
            {
                builder.Append('\n');
                if (i + 1 < value.Length && value[i + 1] == '\n')
                {
                    i++;
                }
            }
            else if (c is '\n' or '\t' or '\u2028' or '\u2029')
            {
                builder.Append(c is '\t' ? '\t' : '\n');
            }
            else if (!char.IsControl(c) && !IsDirectionalControl(c))
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>Encodes the five characters that matter in element content and quoted attributes.</summary>
    public static string HtmlEncode(string value)
    {
        var first = value.AsSpan().IndexOfAny(HtmlSpecial);
        if (first < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        builder.Append(value, 0, first);
        for (var i = first; i < value.Length; i++)
        {
            var c = value[i];
            _ = c switch
            {
                '&' => builder.Append("&amp;"),
                '<' => builder.Append("&lt;"),
                '>' => builder.Append("&gt;"),
                '"' => builder.Append("&quot;"),
                '\'' => builder.Append("&#39;"),
                _ => builder.Append(c),
            };
        }
        return builder.ToString();
    }
}
