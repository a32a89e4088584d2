using System.Globalization;

namespace Portal.Protocols.Imap.Parsing;

/// <summary>SEARCH criteria (RFC 3501 §6.4.4) and RFC 4731 ESEARCH return options.</summary>
public static partial class ImapCommandParser
{
    private const int MaxSearchDepth = 32;

    private static ImapCommand Search(string tag, bool byUid, ImapTokenReader reader)
    {
        reader.Space();
        IReadOnlyList<string>? returns = null;
        if (reader.Peek() is (byte)'R' or (byte)'r')
        {
            var probe = reader.Atom();
            if (!probe.Equals("RETURN", StringComparison.OrdinalIgnoreCase))
            {
                // Not RETURN: a key that starts with R (RECENT). Parse it from the atom already read.
                var first = KeyFromAtom(probe.ToUpperInvariant(), reader, 0);
                return new ImapCommand.Search(tag, byUid, Rest(first, reader), null);
            }

            reader.Space();
            reader.Expect((byte)'(');
            var list = new List<string>();
            while (!reader.TryConsume((byte)')'))
            {
                var option = reader.Atom().ToUpperInvariant();
                if (option is not ("MIN" or "MAX" or "ALL" or "COUNT" or "SAVE"))
                {
                    throw new ImapParseException($"Unsupported RETURN option {option}.");
                }

                list.Add(option);
                reader.TryConsume((byte)' ');
            }

            returns = list;
            reader.Space();
        }

        if (reader.Peek() is (byte)'C' or (byte)'c')
        {
            // RFC 3501: an optional CHARSET astring; only UTF-8 and US-ASCII are understood.
            var probe = reader.Atom();
            if (probe.Equals("CHARSET", StringComparison.OrdinalIgnoreCase))
            {
                reader.Space();
                Charset(reader);
                reader.Space();
            }
            else
            {
                var first = KeyFromAtom(probe.ToUpperInvariant(), reader, 0);
                return new ImapCommand.Search(tag, byUid, Rest(first, reader), returns);
            }
        }

        var key = Rest(Key(reader, 0), reader);
        return new ImapCommand.Search(tag, byUid, key, returns);
    }

    private static readonly HashSet<string> SortKeys = new(StringComparer.Ordinal) { "ARRIVAL", "CC", "DATE", "FROM", "SIZE", "SUBJECT", "TO" };

    private static ImapCommand Sort(string tag, bool byUid, ImapTokenReader reader)
    {
        reader.Space();
        reader.Expect((byte)'(');
        var criteria = new List<(string, bool)>();
        var reverse = false;
        while (!reader.TryConsume((byte)')'))
        {
            var name = reader.Atom().ToUpperInvariant();
            if (name == "REVERSE")
            {
                reverse = true;
            }
            else if (SortKeys.Contains(name))
            {
                criteria.Add((name, reverse));
                reverse = false;
            }
            else
            {
                throw new ImapParseException($"Unknown sort key {name}.");
            }

            reader.TryConsume((byte)' ');
        }

        if (criteria.Count == 0 || reverse)
        {
            throw new ImapParseException("SORT needs sort keys, and REVERSE must precede one.");
        }

        reader.Space();
        Charset(reader);
        reader.Space();
        return new ImapCommand.Sort(tag, byUid, criteria, Rest(Key(reader, 0), reader));
    }

    private static ImapCommand ThreadCommand(string tag, bool byUid, ImapTokenReader reader)
    {
        // RFC 5256 §4: THREAD algorithm charset search-criteria; an algorithm not advertised is a BAD.
        reader.Space();
        var name = reader.Atom().ToUpperInvariant();
        var algorithm = name switch
        {
            "ORDEREDSUBJECT" => ThreadAlgorithm.OrderedSubject,
            "REFERENCES" => ThreadAlgorithm.References,
            _ => throw new ImapParseException($"Unknown threading algorithm {name}."),
        };
        reader.Space();
        Charset(reader);
        reader.Space();
        return new ImapCommand.Thread(tag, byUid, algorithm, Rest(Key(reader, 0), reader));
    }

    /// <summary>
    /// The charset of SEARCH, SORT and THREAD: only UTF-8 and US-ASCII are understood. Any other is a tagged NO with
    /// BADCHARSET, not a BAD (RFC 3501 §6.4.4, RFC 5256 §3 and §4).
    /// </summary>
    private static void Charset(ImapTokenReader reader)
    {
        var charset = reader.AString();
        if (!charset.Equals("UTF-8", StringComparison.OrdinalIgnoreCase) && !charset.Equals("US-ASCII", StringComparison.OrdinalIgnoreCase))
        {
            throw new ImapParseException("[BADCHARSET (UTF-8 US-ASCII)] Unsupported charset.") { Refused = true };
        }
    }

    private static SearchKey Rest(SearchKey first, ImapTokenReader reader)
    {
        var keys = new List<SearchKey> { first };
        while (reader.TryConsume((byte)' '))
        {
            keys.Add(Key(reader, 0));
        }

        reader.End();
        return keys.Count == 1 ? first : new SearchKey.And(keys);
    }

    private static SearchKey Key(ImapTokenReader reader, int depth)
    {
        if (depth > MaxSearchDepth)
        {
            throw new ImapParseException("Search criteria nested too deeply.");
        }

        if (reader.TryConsume((byte)'('))
        {
            var keys = new List<SearchKey> { Key(reader, depth + 1) };
            while (reader.TryConsume((byte)' '))
            {
                keys.Add(Key(reader, depth + 1));
            }

            reader.Expect((byte)')');
            return keys.Count == 1 ? keys[0] : new SearchKey.And(keys);
        }

        if (reader.Peek() is (byte)'*' or (byte)'$' or (>= (byte)'0' and <= (byte)'9'))
        {
            return new SearchKey.Sequence(SequenceSet.Parse(reader, allowSaved: true));
        }

        return KeyFromAtom(reader.Atom().ToUpperInvariant(), reader, depth);
    }

    private static readonly HashSet<string> FlagKeys = new(StringComparer.Ordinal) { "ANSWERED", "DELETED", "DRAFT", "FLAGGED", "SEEN" };

    private static readonly HashSet<string> HeaderKeys = new(StringComparer.Ordinal) { "FROM", "TO", "CC", "BCC", "SUBJECT" };

    private static readonly Dictionary<string, Func<ImapTokenReader, int, SearchKey>> ArgumentKeys = new(StringComparer.Ordinal)
    {
        ["KEYWORD"] = (reader, _) => new SearchKey.Keyword(reader.Atom(), true),
        ["UNKEYWORD"] = (reader, _) => new SearchKey.Keyword(reader.Atom(), false),
        ["HEADER"] = (reader, _) =>
        {
            var field = reader.AString();
            reader.Space();
            return new SearchKey.Header(field.ToUpperInvariant(), reader.AString());
        },
        ["BODY"] = (reader, _) => new SearchKey.Text(reader.AString(), false),
        ["TEXT"] = (reader, _) => new SearchKey.Text(reader.AString(), true),
        ["BEFORE"] = (reader, _) => new SearchKey.Date(Date(reader), DateComparison.Before, Sent: false),
        ["ON"] = (reader, _) => new SearchKey.Date(Date(reader), DateComparison.On, Sent: false),
        ["SINCE"] = (reader, _) => new SearchKey.Date(Date(reader), DateComparison.Since, Sent: false),
        ["SENTBEFORE"] = (reader, _) => new SearchKey.Date(Date(reader), DateComparison.Before, Sent: true),
        ["SENTON"] = (reader, _) => new SearchKey.Date(Date(reader), DateComparison.On, Sent: true),
        ["SENTSINCE"] = (reader, _) => new SearchKey.Date(Date(reader), DateComparison.Since, Sent: true),
        ["LARGER"] = (reader, _) => new SearchKey.Size(reader.Number(), true),
        ["SMALLER"] = (reader, _) => new SearchKey.Size(reader.Number(), false),
        ["UID"] = (reader, _) => new SearchKey.Uid(SequenceSet.Parse(reader, allowSaved: true)),
        ["MODSEQ"] = (reader, _) => ModSeq(reader),
        ["NOT"] = (reader, depth) => new SearchKey.Not(Key(reader, depth + 1)),
        ["OR"] = (reader, depth) =>
        {
            var left = Key(reader, depth + 1);
            reader.Space();
            return new SearchKey.Or(left, Key(reader, depth + 1));
        },
    };

    private static SearchKey KeyFromAtom(string name, ImapTokenReader reader, int depth)
    {
        if (name == "ALL" || name == "OLD")
        {
            return new SearchKey.All();
        }

        if (name == "RECENT" || name == "NEW")
        {
            return new SearchKey.None();
        }

        if (FlagKeys.Contains(name))
        {
            return new SearchKey.Flag(name, true);
        }

        if (name.StartsWith("UN", StringComparison.Ordinal) && FlagKeys.Contains(name[2..]))
        {
            return new SearchKey.Flag(name[2..], false);
        }

        if (HeaderKeys.Contains(name))
        {
            reader.Space();
            return new SearchKey.Header(name, reader.AString());
        }

        if (ArgumentKeys.TryGetValue(name, out var parse))
        {
            reader.Space();
            return parse(reader, depth);
        }

        throw new ImapParseException($"Unknown search key {name}.");
    }

    private static SearchKey ModSeq(ImapTokenReader reader)
    {
        if (reader.Peek() == (byte)'"')
        {
            // RFC 7162 §3.1.5: an optional entry name and type before the number; they do not narrow anything here.
            reader.AString();
            reader.Space();
            reader.Atom();
            reader.Space();
        }

        return new SearchKey.ModSeq(reader.Number());
    }

    private static DateOnly Date(ImapTokenReader reader)
    {
        var text = reader.AString();
        return DateOnly.TryParseExact(text, ["d-MMM-yyyy", "dd-MMM-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new ImapParseException($"Invalid date \"{text}\".");
    }
}
