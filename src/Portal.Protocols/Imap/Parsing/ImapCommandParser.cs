using System.Globalization;
using System.Text;

namespace Portal.Protocols.Imap.Parsing;

/// <summary>Turns a framed command into a typed <see cref="ImapCommand"/> (RFC 3501 §9 grammar, with the extensions advertised).</summary>
public static partial class ImapCommandParser
{
    // Lookup tables rather than large string switches: those compile to a hash helper outside System.*.
    private static readonly HashSet<string> SimpleVerbs = new(StringComparer.Ordinal)
    {
        "CAPABILITY", "NOOP", "LOGOUT", "STARTTLS", "CHECK", "CLOSE", "UNSELECT", "EXPUNGE", "NAMESPACE", "IDLE",
    };

    private static readonly Dictionary<string, Func<string, ImapTokenReader, ImapCommand>> PlainVerbs = new(StringComparer.Ordinal)
    {
        ["LOGIN"] = Login,
        ["AUTHENTICATE"] = Authenticate,
        ["ID"] = Id,
        ["ENABLE"] = Enable,
        ["SELECT"] = (tag, reader) => Select(tag, "SELECT", reader),
        ["EXAMINE"] = (tag, reader) => Select(tag, "EXAMINE", reader),
        ["CREATE"] = (tag, reader) => MailboxVerb(tag, "CREATE", reader),
        ["DELETE"] = (tag, reader) => MailboxVerb(tag, "DELETE", reader),
        ["SUBSCRIBE"] = (tag, reader) => MailboxVerb(tag, "SUBSCRIBE", reader),
        ["UNSUBSCRIBE"] = (tag, reader) => MailboxVerb(tag, "UNSUBSCRIBE", reader),
        ["RENAME"] = Rename,
        ["LIST"] = (tag, reader) => List(tag, false, reader),
        ["LSUB"] = (tag, reader) => List(tag, true, reader),
        ["STATUS"] = Status,
        ["APPEND"] = Append,
        ["GETQUOTAROOT"] = (tag, reader) => Quota(tag, "GETQUOTAROOT", reader),
        ["GETQUOTA"] = (tag, reader) => Quota(tag, "GETQUOTA", reader),
        ["SETQUOTA"] = (tag, reader) => Quota(tag, "SETQUOTA", reader),
        ["COMPRESS"] = Compress,
    };

    private static readonly Dictionary<string, Func<string, bool, ImapTokenReader, ImapCommand>> UidVerbs = new(StringComparer.Ordinal)
    {
        ["FETCH"] = Fetch,
        ["STORE"] = Store,
        ["COPY"] = (tag, byUid, reader) => Copy(tag, byUid, false, reader),
        ["MOVE"] = (tag, byUid, reader) => Copy(tag, byUid, true, reader),
        ["EXPUNGE"] = (tag, _, reader) => UidExpunge(tag, reader),
        ["SEARCH"] = Search,
        ["SORT"] = Sort,
        ["THREAD"] = ThreadCommand,
    };

    /// <summary>The tag of a frame, or "*" when it has none that can be echoed.</summary>
    public static string TagOf(ImapFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var end = Array.IndexOf(frame.Text, (byte)' ');
        var length = end < 0 ? frame.Text.Length : end;
        return length is > 0 and < 64 && IsValidTag(frame.Text.AsSpan(0, length)) ? Encoding.ASCII.GetString(frame.Text, 0, length) : "*";
    }

    /// <summary>Parses one command; throws <see cref="ImapParseException"/> with the reason for a BAD reply.</summary>
    public static ImapCommand Parse(ImapFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var reader = new ImapTokenReader(frame);
        var tag = reader.Atom();
        if (!IsValidTag(Encoding.ASCII.GetBytes(tag)))
        {
            throw new ImapParseException("Invalid tag.");
        }

        if (reader.AtEnd)
        {
            throw new ImapParseException("Missing command.");
        }

        reader.Space();
        var verb = reader.Atom().ToUpperInvariant();
        var byUid = false;
        if (verb == "UID")
        {
            reader.Space();
            byUid = true;
            verb = reader.Atom().ToUpperInvariant();
        }

        ImapCommand command;
        if (!byUid && SimpleVerbs.Contains(verb))
        {
            command = new ImapCommand.Simple(tag, verb);
        }
        else if (!byUid && PlainVerbs.TryGetValue(verb, out var plain))
        {
            command = plain(tag, reader);
        }
        else if (UidVerbs.TryGetValue(verb, out var uidCapable) && (byUid || verb != "EXPUNGE"))
        {
            command = uidCapable(tag, byUid, reader);
        }
        else
        {
            throw new ImapParseException($"Unknown command {(byUid ? "UID " : string.Empty)}{verb}.");
        }

        if (command is ImapCommand.Simple)
        {
            reader.End();
        }

        return command;
    }

    private static bool IsValidTag(ReadOnlySpan<byte> tag)
    {
        foreach (var b in tag)
        {
            if (b <= 0x20 || b >= 0x7f || b is (byte)'+' or (byte)'(' or (byte)')' or (byte)'{' or (byte)'%' or (byte)'*' or (byte)'"' or (byte)'\\')
            {
                return false;
            }
        }

        return !tag.IsEmpty;
    }

    private static ImapCommand Login(string tag, ImapTokenReader reader)
    {
        reader.Space();
        var user = reader.AString();
        reader.Space();
        var password = reader.AString();
        reader.End();
        return new ImapCommand.Login(tag, user, password);
    }

    private static ImapCommand Authenticate(string tag, ImapTokenReader reader)
    {
        reader.Space();
        var mechanism = reader.Atom().ToUpperInvariant();
        string? initial = null;
        if (reader.TryConsume((byte)' '))
        {
            // RFC 4959 SASL-IR: "=" stands for an empty initial response.
            initial = reader.Atom("=+/");
        }

        reader.End();
        return new ImapCommand.Authenticate(tag, mechanism, initial);
    }

    private static ImapCommand Id(string tag, ImapTokenReader reader)
    {
        reader.Space();
        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (reader.TryConsume((byte)'('))
        {
            while (!reader.TryConsume((byte)')'))
            {
                var name = reader.AString();
                reader.Space();
                fields[name] = reader.NString();
                reader.TryConsume((byte)' ');
            }
        }
        else
        {
            reader.NString();
        }

        reader.End();
        return new ImapCommand.Id(tag, fields);
    }

    private static ImapCommand Enable(string tag, ImapTokenReader reader)
    {
        var names = new List<string>();
        while (reader.TryConsume((byte)' '))
        {
            names.Add(reader.Atom("=").ToUpperInvariant());
        }

        reader.End();
        return names.Count == 0 ? throw new ImapParseException("ENABLE needs at least one capability.") : new ImapCommand.Enable(tag, names);
    }

    private static ImapCommand Select(string tag, string verb, ImapTokenReader reader)
    {
        reader.Space();
        var mailbox = reader.AString();
        var condStore = false;
        ImapCommand.QResyncParameters? qresync = null;
        if (reader.TryConsume((byte)' '))
        {
            // RFC 4466 select parameters: RFC 7162 §3.1.8 CONDSTORE and §3.2.5 QRESYNC.
            reader.Expect((byte)'(');
            while (!reader.TryConsume((byte)')'))
            {
                var name = reader.Atom().ToUpperInvariant();
                if (name == "CONDSTORE")
                {
                    condStore = true;
                }
                else if (name == "QRESYNC")
                {
                    reader.Space();
                    reader.Expect((byte)'(');
                    var uidValidity = reader.Number();
                    reader.Space();
                    var modSeq = reader.Number();
                    SequenceSet? known = null;
                    if (reader.TryConsume((byte)' ') && reader.Peek() != (byte)'(')
                    {
                        known = SequenceSet.Parse(reader);
                        reader.TryConsume((byte)' ');
                    }

                    if (reader.TryConsume((byte)'('))
                    {
                        // The sequence match data only narrows the server's work; it is read and not needed.
                        SequenceSet.Parse(reader);
                        reader.Space();
                        SequenceSet.Parse(reader);
                        reader.Expect((byte)')');
                    }

                    reader.Expect((byte)')');
                    qresync = new ImapCommand.QResyncParameters(uidValidity, modSeq, known);
                }
                else
                {
                    throw new ImapParseException($"Unsupported select parameter {name}.");
                }

                reader.TryConsume((byte)' ');
            }
        }

        reader.End();
        return new ImapCommand.MailboxVerb(tag, verb, mailbox, condStore, qresync);
    }

    private static ImapCommand MailboxVerb(string tag, string verb, ImapTokenReader reader)
    {
        reader.Space();
        var mailbox = reader.AString();
        reader.End();
        return new ImapCommand.MailboxVerb(tag, verb, mailbox);
    }

    private static ImapCommand Quota(string tag, string verb, ImapTokenReader reader)
    {
        reader.Space();
        var argument = reader.AString();
        if (verb == "SETQUOTA")
        {
            // The limits list is read and ignored: quotas are set by administrators, not clients.
            reader.Space();
            reader.Expect((byte)'(');
            while (!reader.TryConsume((byte)')'))
            {
                reader.Atom();
                reader.TryConsume((byte)' ');
            }
        }

        reader.End();
        return new ImapCommand.Quota(tag, verb, argument);
    }

    private static ImapCommand Compress(string tag, ImapTokenReader reader)
    {
        reader.Space();
        var mechanism = reader.Atom().ToUpperInvariant();
        reader.End();
        return new ImapCommand.Compress(tag, mechanism);
    }

    private static ImapCommand Rename(string tag, ImapTokenReader reader)
    {
        reader.Space();
        var from = reader.AString();
        reader.Space();
        var to = reader.AString();
        reader.End();
        return new ImapCommand.Rename(tag, from, to);
    }

    private static readonly HashSet<string> ListSelectionOptions = new(StringComparer.Ordinal) { "SUBSCRIBED", "REMOTE", "RECURSIVEMATCH", "SPECIAL-USE" };

    private static readonly HashSet<string> ListReturnOptions = new(StringComparer.Ordinal) { "SUBSCRIBED", "CHILDREN", "SPECIAL-USE", "STATUS" };

    private static ImapCommand List(string tag, bool lsub, ImapTokenReader reader)
    {
        reader.Space();
        var selection = new HashSet<string>(StringComparer.Ordinal);
        if (!lsub && reader.Peek() == (byte)'(')
        {
            // RFC 5258 §3: an unknown selection option is a BAD, and RECURSIVEMATCH needs another option to modify.
            foreach (var option in AtomList(reader))
            {
                selection.Add(ListSelectionOptions.Contains(option) ? option : throw new ImapParseException($"Unknown LIST selection option {option}."));
            }

            if (selection.Contains("RECURSIVEMATCH") && !selection.Contains("SUBSCRIBED"))
            {
                throw new ImapParseException("RECURSIVEMATCH needs the SUBSCRIBED selection option.");
            }

            reader.Space();
        }

        var reference = reader.AString();
        reader.Space();
        var patterns = new List<string>();
        if (!lsub && reader.Peek() == (byte)'(')
        {
            reader.Expect((byte)'(');
            while (!reader.TryConsume((byte)')'))
            {
                patterns.Add(reader.AString("%*"));
                reader.TryConsume((byte)' ');
            }

            if (patterns.Count == 0)
            {
                throw new ImapParseException("LIST needs at least one pattern.");
            }
        }
        else
        {
            patterns.Add(reader.AString("%*"));
        }

        var returns = new HashSet<string>(StringComparer.Ordinal);
        var statusItems = new List<string>();
        if (!lsub && reader.TryConsume((byte)' '))
        {
            // RFC 5258 §3 return options; RFC 5819 RETURN (STATUS (...)).
            if (!reader.Atom().Equals("RETURN", StringComparison.OrdinalIgnoreCase))
            {
                throw new ImapParseException("Expected RETURN.");
            }

            reader.Space();
            reader.Expect((byte)'(');
            while (!reader.TryConsume((byte)')'))
            {
                var option = reader.Atom().ToUpperInvariant();
                if (!ListReturnOptions.Contains(option))
                {
                    throw new ImapParseException($"Unknown LIST return option {option}.");
                }

                returns.Add(option);
                if (option == "STATUS")
                {
                    reader.Space();
                    statusItems.AddRange(AtomList(reader));
                    if (statusItems.Count == 0)
                    {
                        throw new ImapParseException("RETURN (STATUS) needs at least one item.");
                    }
                }

                reader.TryConsume((byte)' ');
            }
        }

        reader.End();
        return new ImapCommand.List(tag, lsub, reference, patterns, selection, returns, statusItems);
    }

    private static ImapCommand Status(string tag, ImapTokenReader reader)
    {
        reader.Space();
        var mailbox = reader.AString();
        reader.Space();
        var items = AtomList(reader);
        reader.End();
        return items.Count == 0 ? throw new ImapParseException("STATUS needs at least one item.") : new ImapCommand.Status(tag, mailbox, items);
    }

    private static ImapCommand Append(string tag, ImapTokenReader reader)
    {
        reader.Space();
        var mailbox = reader.AString();
        reader.Space();
        IReadOnlyList<string> flags = [];
        DateTimeOffset? date = null;
        if (reader.Peek() == (byte)'(')
        {
            flags = FlagList(reader);
            reader.Space();
        }

        if (reader.Peek() == (byte)'"')
        {
            var text = reader.AString();
            date = DateTimeOffset.TryParseExact(text.Trim(), ["d-MMM-yyyy HH:mm:ss zzz", "dd-MMM-yyyy HH:mm:ss zzz"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed
                : throw new ImapParseException($"Invalid date-time \"{text}\".");
            reader.Space();
        }

        byte[] message;
        if (reader.Peek() is (byte)'{' or (byte)'~')
        {
            message = reader.Literal();
        }
        else if (reader.Peek() is (byte)'U' or (byte)'u' && reader.Atom().Equals("UTF8", StringComparison.OrdinalIgnoreCase))
        {
            // RFC 6855 §4: APPEND ... UTF8 (literal8) for a message with UTF-8 headers.
            reader.Space();
            reader.Expect((byte)'(');
            message = reader.Peek() == (byte)'~' ? reader.Literal() : throw new ImapParseException("UTF8 needs a literal8 (~{n}).");
            reader.Expect((byte)')');
        }
        else
        {
            throw new ImapParseException("APPEND needs the message as a literal.");
        }

        reader.End();
        return new ImapCommand.Append(tag, mailbox, flags, date, message);
    }

    private static ImapCommand Store(string tag, bool byUid, ImapTokenReader reader)
    {
        reader.Space();
        var set = SequenceSet.Parse(reader, allowSaved: true);
        reader.Space();
        long? unchangedSince = null;
        if (reader.TryConsume((byte)'('))
        {
            // RFC 7162 §3.1.3 STORE modifier.
            if (!reader.Atom().Equals("UNCHANGEDSINCE", StringComparison.OrdinalIgnoreCase))
            {
                throw new ImapParseException("Unsupported STORE modifier.");
            }

            reader.Space();
            unchangedSince = reader.Number();
            reader.Expect((byte)')');
            reader.Space();
        }

        var item = reader.Atom(".").ToUpperInvariant();
        var mode = item[0] switch { '+' => '+', '-' => '-', _ => '=' };
        var name = mode == '=' ? item : item[1..];
        var silent = name.EndsWith(".SILENT", StringComparison.Ordinal);
        if ((silent ? name[..^7] : name) != "FLAGS")
        {
            throw new ImapParseException($"Unknown STORE item {item}.");
        }

        reader.Space();
        var flags = reader.Peek() == (byte)'(' ? FlagList(reader) : FlagsWithoutParens(reader);
        reader.End();
        return new ImapCommand.Store(tag, byUid, set, mode, silent, flags, unchangedSince);
    }

    private static ImapCommand Copy(string tag, bool byUid, bool move, ImapTokenReader reader)
    {
        reader.Space();
        var set = SequenceSet.Parse(reader, allowSaved: true);
        reader.Space();
        var mailbox = reader.AString();
        reader.End();
        return new ImapCommand.Copy(tag, byUid, set, mailbox, move);
    }

    private static ImapCommand UidExpunge(string tag, ImapTokenReader reader)
    {
        reader.Space();
        var set = SequenceSet.Parse(reader, allowSaved: true);
        reader.End();
        return new ImapCommand.UidExpunge(tag, set);
    }

    private static List<string> FlagList(ImapTokenReader reader)
    {
        reader.Expect((byte)'(');
        var flags = new List<string>();
        while (!reader.TryConsume((byte)')'))
        {
            flags.Add(Flag(reader));
            reader.TryConsume((byte)' ');
        }

        return flags;
    }

    private static List<string> FlagsWithoutParens(ImapTokenReader reader)
    {
        var flags = new List<string> { Flag(reader) };
        while (reader.TryConsume((byte)' '))
        {
            flags.Add(Flag(reader));
        }

        return flags;
    }

    private static string Flag(ImapTokenReader reader) => reader.TryConsume((byte)'\\') ? "\\" + reader.Atom() : reader.Atom();

    private static List<string> AtomList(ImapTokenReader reader)
    {
        reader.Expect((byte)'(');
        var items = new List<string>();
        while (!reader.TryConsume((byte)')'))
        {
            items.Add(reader.Atom().ToUpperInvariant());
            reader.TryConsume((byte)' ');
        }

        return items;
    }
}
