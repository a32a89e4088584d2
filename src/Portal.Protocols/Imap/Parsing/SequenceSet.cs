using System.Globalization;
using System.Text;

namespace Portal.Protocols.Imap.Parsing;

/// <summary>
/// An RFC 3501 §9 sequence-set: numbers and ranges, where <see cref="Star"/> stands for "*" (the largest in use);
/// or RFC 5182's "$", the result the last SEARCH RETURN (SAVE) kept (<see cref="IsSaved"/>), which the session binds
/// to the saved UIDs (<see cref="OfUids"/>) before it is used.
/// </summary>
public sealed class SequenceSet(IReadOnlyList<(long From, long To)> ranges)
{
    public const long Star = long.MaxValue;

    private HashSet<long>? _members;

    /// <summary>RFC 5182 "$": stands for the saved search result, always a set of UIDs, also in a command without UID.</summary>
    public static SequenceSet Saved { get; } = new([]) { IsSaved = true };

    public IReadOnlyList<(long From, long To)> Ranges { get; } = ranges;

    public bool IsSaved { get; private init; }

    /// <summary>A set of exactly these values (what "$" stands for once bound); membership is a hash lookup.</summary>
    public static SequenceSet OfUids(IEnumerable<long> values) => new([]) { _members = [.. values] };

    /// <summary>Whether <paramref name="value"/> is in the set when "*" means <paramref name="largest"/>.</summary>
    public bool Contains(long value, long largest)
    {
        if (_members is not null)
        {
            return _members.Contains(value);
        }

        // An index loop: foreach over the interface would allocate an enumerator per call (once per message in FETCH 1:*).
        for (var i = 0; i < Ranges.Count; i++)
        {
            var (from, to) = Ranges[i];
            var a = from == Star ? largest : from;
            var b = to == Star ? largest : to;
            if (value >= Math.Min(a, b) && value <= Math.Max(a, b))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Reads a sequence-set; with <paramref name="allowSaved"/> also RFC 5182's "$" on its own (<see cref="Saved"/>).</summary>
    public static SequenceSet Parse(ImapTokenReader reader, bool allowSaved = false)
    {
        ArgumentNullException.ThrowIfNull(reader);
        if (allowSaved && reader.TryConsume((byte)'$'))
        {
            return Saved;
        }

        var ranges = new List<(long, long)>();
        do
        {
            var from = Value(reader);
            var to = from;
            if (reader.TryConsume((byte)':'))
            {
                to = Value(reader);
            }

            ranges.Add((from, to));
        }
        while (reader.TryConsume((byte)','));
        return new SequenceSet(ranges);
    }

    /// <summary>Writes sorted numbers compactly (1:3,7) as COPYUID and ESEARCH want.</summary>
    public static string Format(IEnumerable<long> values)
    {
        var sorted = values.ToList();
        var builder = new StringBuilder();
        var i = 0;
        while (i < sorted.Count)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }

            if (builder.Length > 0)
            {
                builder.Append(',');
            }

            builder.Append(sorted[i].ToString(CultureInfo.InvariantCulture));
            if (j > i)
            {
                builder.Append(':').Append(sorted[j].ToString(CultureInfo.InvariantCulture));
            }

            i = j + 1;
        }

        return builder.ToString();
    }

    private static long Value(ImapTokenReader reader)
    {
        if (reader.TryConsume((byte)'*'))
        {
            return Star;
        }

        var n = reader.Number();
        return n == 0 ? throw new ImapParseException("0 is not a valid sequence number or UID.") : n;
    }
}
