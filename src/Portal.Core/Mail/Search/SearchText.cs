using System.Text;

namespace Portal.Core.Mail.Search;

/// <summary>
/// The one normal form of indexed text and of search strings: lower case (invariant culture) and every run of
/// white space as one space. Matching folded needles against folded text with an ordinal substring test gives
/// IMAP's case-insensitive substring search (RFC 9051 §6.4.4) on every database, whatever its collation.
/// </summary>
public static class SearchText
{
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(text.Length);
        Append(builder, text, int.MaxValue);
        return builder.ToString();
    }

    /// <summary>Appends folded <paramref name="text"/>, stopping at <paramref name="limit"/> characters; false when cut.</summary>
    public static bool Append(StringBuilder builder, ReadOnlySpan<char> text, int limit)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var space = builder.Length > 0 && builder[^1] == ' ';
        foreach (var c in text)
        {
            if (builder.Length >= limit)
            {
                return false;
            }

            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                if (!space)
                {
                    builder.Append(' ');
                    space = true;
                }

                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
            space = false;
        }

        return true;
    }
}
