using System.Text;

namespace Portal.Protocols.Imap.Parsing;

/// <summary>
/// Modified UTF-7 mailbox names (RFC 3501 §5.1.3) for clients that have not enabled UTF-8: printable ASCII stands
/// for itself except "&amp;" (written "&amp;-"); anything else is UTF-16 in modified base64 ("," for "/") between
/// "&amp;" and "-". Folders are stored with their real Unicode names; this is only the wire form.
/// </summary>
public static class ModifiedUtf7
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

    public static string Encode(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        var i = 0;
        while (i < name.Length)
        {
            var c = name[i];
            if (c is >= ' ' and <= '~')
            {
                builder.Append(c == '&' ? "&-" : c.ToString());
                i++;
                continue;
            }

            // A run of characters outside printable ASCII becomes one shifted sequence (no superfluous shifts).
            var start = i;
            while (i < name.Length && name[i] is < ' ' or > '~')
            {
                i++;
            }

            var utf16 = Encoding.BigEndianUnicode.GetBytes(name[start..i]);
            builder.Append('&');
            AppendBase64(builder, utf16);
            builder.Append('-');
        }

        return builder.ToString();
    }

    /// <summary>Decodes a name; false when it is not valid modified UTF-7 (the caller answers BAD).</summary>
    public static bool TryDecode(string wire, out string name)
    {
        ArgumentNullException.ThrowIfNull(wire);
        name = wire;
        if (!wire.Contains('&', StringComparison.Ordinal))
        {
            // Plain ASCII, or 8-bit text a client sent anyway: taken as UTF-8 as it came.
            return true;
        }

        var builder = new StringBuilder(wire.Length);
        var i = 0;
        while (i < wire.Length)
        {
            var c = wire[i];
            if (c != '&')
            {
                builder.Append(c);
                i++;
                continue;
            }

            var end = wire.IndexOf('-', i + 1);
            if (end < 0)
            {
                return false;
            }

            if (end == i + 1)
            {
                builder.Append('&');
                i = end + 1;
                continue;
            }

            if (!TryDecodeBase64(wire.AsSpan(i + 1, end - i - 1), out var utf16) || utf16.Length == 0 || utf16.Length % 2 != 0)
            {
                return false;
            }

            var text = Encoding.BigEndianUnicode.GetString(utf16);

            // RFC 3501 §5.1.3: printable ASCII must not be encoded, and strings must be valid UTF-16.
            if (text.Any(ch => ch is >= ' ' and <= '~') || !IsWellFormedUtf16(text))
            {
                return false;
            }

            builder.Append(text);
            i = end + 1;
        }

        name = builder.ToString();
        return true;
    }

    private static void AppendBase64(StringBuilder builder, byte[] bytes)
    {
        var bits = 0;
        var buffer = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 6)
            {
                bits -= 6;
                builder.Append(Alphabet[(buffer >> bits) & 0x3f]);
            }
        }

        if (bits > 0)
        {
            builder.Append(Alphabet[(buffer << (6 - bits)) & 0x3f]);
        }
    }

    private static bool TryDecodeBase64(ReadOnlySpan<char> text, out byte[] bytes)
    {
        var output = new List<byte>(text.Length);
        var bits = 0;
        var buffer = 0;
        foreach (var c in text)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                bytes = [];
                return false;
            }

            buffer = ((buffer << 6) | value) & 0xffffff;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
            }
        }

        // Leftover bits must be zero padding of fewer than 6 bits.
        bytes = [.. output];
        return bits < 6 && (buffer & ((1 << bits) - 1)) == 0;
    }

    private static bool IsWellFormedUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                {
                    return false;
                }

                i++;
            }
            else if (char.IsLowSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }
}
