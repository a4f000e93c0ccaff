using System.Text;

namespace GoodThings.Templates.Rendering;

/// <summary>Turns a rendered subject template into one clean header line.</summary>
internal static class Subject
{
    /// <summary>Inboxes show 40–90 characters; past 150 a subject is a mistake, not a message.</summary>
    public const int MaxLength = 150;

    private const string Ellipsis = "…";

    public static string Clean(string rendered)
    {
        var builder = new StringBuilder(Math.Min(rendered.Length, MaxLength * 2));
        var pendingSpace = false;
        foreach (var c in rendered)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
            }
            else if (!PersonText.IsDirectionalControl(c))
            {
                if (pendingSpace)
                {
                    builder.Append(' ');
                    pendingSpace = false;
                }
                builder.Append(c);
            }
        }
        return Shorten(builder.ToString());
    }

    private static string Shorten(string subject)
    {
        if (subject.Length <= MaxLength)
        {
            return subject;
        }

        var cut = MaxLength - Ellipsis.Length;
        var lastSpace = subject.LastIndexOf(' ', cut);
        if (lastSpace > cut - 30)
        {
            cut = lastSpace;
        }
        else if (char.IsHighSurrogate(subject[cut - 1]))
        {
            cut--;
        }
        return string.Concat(subject.AsSpan(0, cut).TrimEnd(), Ellipsis);
    }
}
