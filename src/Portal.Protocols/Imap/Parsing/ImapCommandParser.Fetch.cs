using System.Globalization;

namespace Portal.Protocols.Imap.Parsing;

/// <summary>FETCH items (RFC 3501 §6.4.5, RFC 7162 §3.1.4 CHANGEDSINCE).</summary>
public static partial class ImapCommandParser
{
    private static readonly Dictionary<string, FetchItem[]> FetchNames = new(StringComparer.Ordinal)
    {
        // RFC 3501 §6.4.5 macros.
        ["ALL"] = [FetchItem.Simple(FetchItemKind.Flags), FetchItem.Simple(FetchItemKind.InternalDate), FetchItem.Simple(FetchItemKind.Size), FetchItem.Simple(FetchItemKind.Envelope)],
        ["FAST"] = [FetchItem.Simple(FetchItemKind.Flags), FetchItem.Simple(FetchItemKind.InternalDate), FetchItem.Simple(FetchItemKind.Size)],
        ["FULL"] = [FetchItem.Simple(FetchItemKind.Flags), FetchItem.Simple(FetchItemKind.InternalDate), FetchItem.Simple(FetchItemKind.Size), FetchItem.Simple(FetchItemKind.Envelope), FetchItem.Simple(FetchItemKind.Body)],
        ["FLAGS"] = [FetchItem.Simple(FetchItemKind.Flags)],
        ["UID"] = [FetchItem.Simple(FetchItemKind.Uid)],
        ["INTERNALDATE"] = [FetchItem.Simple(FetchItemKind.InternalDate)],
        ["RFC822.SIZE"] = [FetchItem.Simple(FetchItemKind.Size)],
        ["ENVELOPE"] = [FetchItem.Simple(FetchItemKind.Envelope)],
        ["BODYSTRUCTURE"] = [FetchItem.Simple(FetchItemKind.BodyStructure)],
        ["BODY"] = [FetchItem.Simple(FetchItemKind.Body)],
        ["RFC822"] = [FetchItem.Simple(FetchItemKind.Rfc822)],
        ["RFC822.HEADER"] = [FetchItem.Simple(FetchItemKind.Rfc822Header)],
        ["RFC822.TEXT"] = [FetchItem.Simple(FetchItemKind.Rfc822Text)],
        ["MODSEQ"] = [FetchItem.Simple(FetchItemKind.ModSeq)],
    };

    private static readonly Dictionary<string, SectionText> SectionTexts = new(StringComparer.Ordinal)
    {
        ["HEADER"] = SectionText.Header,
        ["HEADER.FIELDS"] = SectionText.HeaderFields,
        ["HEADER.FIELDS.NOT"] = SectionText.HeaderFieldsNot,
        ["TEXT"] = SectionText.Text,
        ["MIME"] = SectionText.Mime,
    };

    private static ImapCommand Fetch(string tag, bool byUid, ImapTokenReader reader)
    {
        reader.Space();
        var set = SequenceSet.Parse(reader, allowSaved: true);
        reader.Space();
        var items = new List<FetchItem>();
        if (reader.TryConsume((byte)'('))
        {
            while (!reader.TryConsume((byte)')'))
            {
                items.AddRange(FetchAtt(reader));
                reader.TryConsume((byte)' ');
            }
        }
        else
        {
            items.AddRange(FetchAtt(reader));
        }

        long? changedSince = null;
        var vanished = false;
        if (reader.TryConsume((byte)' '))
        {
            reader.Expect((byte)'(');
            while (!reader.TryConsume((byte)')'))
            {
                var modifier = reader.Atom().ToUpperInvariant();
                if (modifier == "CHANGEDSINCE")
                {
                    reader.Space();
                    changedSince = reader.Number();
                }
                else if (modifier == "VANISHED" && byUid)
                {
                    // RFC 7162 §3.2.6: UID FETCH only.
                    vanished = true;
                }
                else
                {
                    throw new ImapParseException($"Unsupported FETCH modifier {modifier}.");
                }

                reader.TryConsume((byte)' ');
            }
        }

        reader.End();
        if (items.Count == 0)
        {
            throw new ImapParseException("FETCH needs at least one item.");
        }

        if (vanished && changedSince is null)
        {
            // RFC 7162 §3.2.6: VANISHED without CHANGEDSINCE is a BAD.
            throw new ImapParseException("VANISHED needs CHANGEDSINCE.");
        }

        if (changedSince is not null && !items.Any(i => i.Kind == FetchItemKind.ModSeq))
        {
            items.Add(FetchItem.Simple(FetchItemKind.ModSeq));
        }

        return new ImapCommand.Fetch(tag, byUid, set, items, changedSince, vanished);
    }

    private static IEnumerable<FetchItem> FetchAtt(ImapTokenReader reader)
    {
        var name = reader.Atom(".", stop: "[").ToUpperInvariant();
        if (name is "BODY" or "BODY.PEEK" && reader.Peek() == (byte)'[')
        {
            return [Section(reader, name == "BODY.PEEK")];
        }

        if (name is "BINARY" or "BINARY.PEEK" or "BINARY.SIZE" && reader.Peek() == (byte)'[')
        {
            return [BinarySection(reader, name)];
        }

        // Arrays of objects, not of enum constants: those would be initialised from a compiler helper outside System.*.
        return FetchNames.TryGetValue(name, out var items)
            ? items
            : throw new ImapParseException($"Unknown FETCH item {name}.");
    }

    private static FetchItem Section(ImapTokenReader reader, bool peek)
    {
        reader.Expect((byte)'[');
        var part = new List<int>();
        var text = SectionText.None;
        List<string>? fields = null;
        while (reader.Peek() is >= (byte)'0' and <= (byte)'9')
        {
            var n = reader.Number();
            if (n is < 1 or > 10000)
            {
                throw new ImapParseException("Invalid section part number.");
            }

            part.Add((int)n);
            if (!reader.TryConsume((byte)'.'))
            {
                break;
            }
        }

        if (reader.Peek() != (byte)']')
        {
            var name = reader.Atom(".").ToUpperInvariant();
            text = SectionTexts.TryGetValue(name, out var found) && (found != SectionText.Mime || part.Count > 0)
                ? found
                : throw new ImapParseException($"Unknown section text {name}.");
            if (text is SectionText.HeaderFields or SectionText.HeaderFieldsNot)
            {
                reader.Space();
                reader.Expect((byte)'(');
                fields = [];
                while (!reader.TryConsume((byte)')'))
                {
                    fields.Add(reader.AString());
                    reader.TryConsume((byte)' ');
                }

                if (fields.Count == 0)
                {
                    throw new ImapParseException("HEADER.FIELDS needs at least one field name.");
                }
            }
        }

        reader.Expect((byte)']');
        long? start = null, length = null;
        if (reader.TryConsume((byte)'<'))
        {
            start = reader.Number();
            reader.Expect((byte)'.');
            length = reader.Number();
            if (length == 0)
            {
                throw new ImapParseException("A partial length must be positive.");
            }

            reader.Expect((byte)'>');
        }

        return new FetchItem(FetchItemKind.Section, part, text, fields, start, length, peek);
    }

    /// <summary>RFC 3516 §4.1: BINARY sections are part numbers only (no HEADER/TEXT/MIME); BINARY.SIZE takes no partial.</summary>
    private static FetchItem BinarySection(ImapTokenReader reader, string name)
    {
        reader.Expect((byte)'[');
        var part = new List<int>();
        while (reader.Peek() is >= (byte)'0' and <= (byte)'9')
        {
            var n = reader.Number();
            part.Add(n is < 1 or > 10000 ? throw new ImapParseException("Invalid section part number.") : (int)n);
            if (!reader.TryConsume((byte)'.'))
            {
                break;
            }
        }

        reader.Expect((byte)']');
        long? start = null, length = null;
        if (name != "BINARY.SIZE" && reader.TryConsume((byte)'<'))
        {
            start = reader.Number();
            reader.Expect((byte)'.');
            length = reader.Number();
            reader.Expect((byte)'>');
            if (length == 0)
            {
                throw new ImapParseException("A partial length must be positive.");
            }
        }

        var kind = name == "BINARY.SIZE" ? FetchItemKind.BinarySize : FetchItemKind.Binary;
        return new FetchItem(kind, part, SectionText.None, null, start, length, name != "BINARY");
    }

    /// <summary>How a section is named in the FETCH response: as asked, without the partial length (RFC 3501 §7.4.2).</summary>
    public static string SectionName(FetchItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var part = string.Join('.', item.Part ?? []);
        var text = item.Text switch
        {
            SectionText.Header => "HEADER",
            SectionText.HeaderFields => "HEADER.FIELDS (" + string.Join(' ', item.Fields!.Select(Quote)) + ")",
            SectionText.HeaderFieldsNot => "HEADER.FIELDS.NOT (" + string.Join(' ', item.Fields!.Select(Quote)) + ")",
            SectionText.Text => "TEXT",
            SectionText.Mime => "MIME",
            _ => string.Empty,
        };
        var section = part.Length > 0 && text.Length > 0 ? part + "." + text : part + text;
        var origin = item.PartialStart is { } s ? "<" + s.ToString(CultureInfo.InvariantCulture) + ">" : string.Empty;
        return "BODY[" + section + "]" + origin;
    }

    private static string Quote(string field) => field.All(c => c > ' ' && c < 127 && c != '"' && c != '\\' && c != '(' && c != ')') ? field : "\"" + field.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
