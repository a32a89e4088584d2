using System.Globalization;
using System.Text;

namespace Portal.Protocols.Imap.Parsing;

/// <summary>A cursor over one <see cref="ImapFrame"/> that reads the RFC 3501 §9 tokens: atoms, strings, literals, numbers, lists.</summary>
public sealed class ImapTokenReader(ImapFrame frame)
{
    private readonly byte[] _text = frame.Text;
    private int _position;
    private int _literal;

    public bool AtEnd => _position >= _text.Length;

    public byte Peek() => AtEnd ? (byte)0 : _text[_position];

    public bool TryConsume(byte b)
    {
        if (Peek() != b || AtEnd)
        {
            return false;
        }

        _position++;
        return true;
    }

    public void Expect(byte b)
    {
        if (!TryConsume(b))
        {
            throw new ImapParseException($"Expected '{(char)b}' at column {_position + 1}.");
        }
    }

    public void Space() => Expect((byte)' ');

    public void End()
    {
        if (!AtEnd)
        {
            throw new ImapParseException($"Unexpected characters at column {_position + 1}.");
        }
    }

    /// <summary>An atom (RFC 3501 atom-char), with extra characters allowed for flags, list wildcards and fetch sections.</summary>
    public string Atom(string extra = "", string stop = "")
    {
        var start = _position;
        while (!AtEnd && IsAtomChar(_text[_position], extra) && !stop.Contains((char)_text[_position], StringComparison.Ordinal))
        {
            _position++;
        }

        if (start == _position)
        {
            throw new ImapParseException($"Expected an atom at column {start + 1}.");
        }

        return Encoding.UTF8.GetString(_text, start, _position - start);
    }

    public long Number()
    {
        var start = _position;
        while (!AtEnd && _text[_position] is >= (byte)'0' and <= (byte)'9')
        {
            _position++;
        }

        if (start == _position || _position - start > 18)
        {
            throw new ImapParseException($"Expected a number at column {start + 1}.");
        }

        return long.Parse(Encoding.ASCII.GetString(_text, start, _position - start), CultureInfo.InvariantCulture);
    }

    /// <summary>astring: atom, quoted string or literal, as bytes.</summary>
    public byte[] AStringBytes(string extraAtomChars = "")
    {
        return Peek() switch
        {
            (byte)'"' => Quoted(),
            (byte)'{' => Literal(),
            _ => Encoding.UTF8.GetBytes(Atom("]" + extraAtomChars)),
        };
    }

    public string AString(string extraAtomChars = "") => Encoding.UTF8.GetString(AStringBytes(extraAtomChars));

    /// <summary>nstring: NIL or a string.</summary>
    public string? NString()
    {
        if (Peek() is (byte)'"' or (byte)'{')
        {
            return AString();
        }

        var atom = Atom();
        return atom.Equals("NIL", StringComparison.OrdinalIgnoreCase)
            ? null
            : throw new ImapParseException("Expected NIL or a string.");
    }

    /// <summary>A literal, or a literal8 (<c>~{n}</c>, RFC 3516 §4.1 / RFC 9051 §4.3) where binary data may come.</summary>
    public byte[] Literal()
    {
        TryConsume((byte)'~');
        Expect((byte)'{');
        Number();
        TryConsume((byte)'+');
        Expect((byte)'}');
        if (_literal >= frame.Literals.Count)
        {
            throw new ImapParseException("Literal announced but missing.");
        }

        return frame.Literals[_literal++];
    }

    private byte[] Quoted()
    {
        Expect((byte)'"');
        var bytes = new List<byte>();
        while (true)
        {
            if (AtEnd)
            {
                throw new ImapParseException("Unterminated quoted string.");
            }

            var b = _text[_position++];
            if (b == (byte)'"')
            {
                return [.. bytes];
            }

            if (b == (byte)'\\')
            {
                if (AtEnd || _text[_position] is not ((byte)'\\' or (byte)'"'))
                {
                    throw new ImapParseException("Only \\\\ and \\\" may be escaped in a quoted string.");
                }

                b = _text[_position++];
            }

            bytes.Add(b);
        }
    }

    private static bool IsAtomChar(byte b, string extra)
    {
        if (b <= 0x20 || b == 0x7f)
        {
            return false;
        }

        if (extra.Contains((char)b, StringComparison.Ordinal))
        {
            return true;
        }

        // RFC 3501 §9 atom-specials: ( ) { SP CTL % * " \ ]
        return b is not ((byte)'(' or (byte)')' or (byte)'{' or (byte)'%' or (byte)'*' or (byte)'"' or (byte)'\\' or (byte)']');
    }
}
