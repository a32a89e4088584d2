using System.Text;

namespace Portal.Protocols.Pop3.Parsing;

/// <summary>Parses one POP3 command line (RFC 1939 §3, RFC 2449, RFC 5034): keyword, then space-separated arguments.</summary>
public static class Pop3CommandParser
{
    // Keyword -> (minimum, maximum) arguments, and whether they are message numbers.
    private static readonly Dictionary<string, (int Min, int Max, int Numbers)> Shapes = new(StringComparer.Ordinal)
    {
        ["CAPA"] = (0, 0, 0),
        ["USER"] = (1, 1, 0),
        ["PASS"] = (1, 1, 0),
        ["AUTH"] = (0, 2, 0),
        ["STLS"] = (0, 0, 0),
        ["STAT"] = (0, 0, 0),
        ["LIST"] = (0, 1, 1),
        ["UIDL"] = (0, 1, 1),
        ["RETR"] = (1, 1, 1),
        ["TOP"] = (2, 2, 2),
        ["DELE"] = (1, 1, 1),
        ["RSET"] = (0, 0, 0),
        ["NOOP"] = (0, 0, 0),
        ["QUIT"] = (0, 0, 0),
    };

    public static Pop3Command Parse(ReadOnlySpan<byte> line)
    {
        var text = Encoding.UTF8.GetString(line);
        if (text.Length == 0)
        {
            throw new Pop3ParseException("Empty command.");
        }

        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var verb = (space < 0 ? text : text[..space]).ToUpperInvariant();
        if (!Shapes.TryGetValue(verb, out var shape))
        {
            throw new Pop3ParseException($"Unknown command {Printable(verb)}.");
        }

        // RFC 1939 §3: PASS takes the rest of the line, spaces included.
        IReadOnlyList<string> arguments = space < 0
            ? []
            : verb == "PASS" ? [text[(space + 1)..]] : text[(space + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (arguments.Count < shape.Min || arguments.Count > shape.Max)
        {
            throw new Pop3ParseException($"{verb} takes {(shape.Min == shape.Max ? shape.Min.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{shape.Min}-{shape.Max}")} argument(s).");
        }

        for (var i = 0; i < Math.Min(shape.Numbers, arguments.Count); i++)
        {
            if (arguments[i].Length is 0 or > 9 || !arguments[i].All(char.IsAsciiDigit))
            {
                throw new Pop3ParseException($"'{Printable(arguments[i])}' is not a number.");
            }
        }

        return new Pop3Command(verb, arguments);
    }

    private static string Printable(string text) => text.Length > 20 ? text[..20] + "..." : text;
}
