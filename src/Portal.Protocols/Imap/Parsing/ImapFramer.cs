using System.Buffers;
using System.Text;

namespace Portal.Protocols.Imap.Parsing;

/// <summary>
/// Cuts IMAP commands (lines and the literals inside them) off a byte stream, incrementally and within limits:
/// a literal larger than <see cref="MaxLiteralSize"/> is refused when announced, before any of it is read.
/// Pure: the caller does I/O and answers continuation requests.
/// </summary>
public sealed class ImapFramer(int maxLineLength, long maxLiteralSize)
{
    private readonly List<byte> _text = [];
    private readonly List<byte[]> _literals = [];
    private byte[]? _literal;
    private int _literalFilled;
    private bool _skipping;

    public int MaxLineLength { get; } = maxLineLength;

    public long MaxLiteralSize { get; } = maxLiteralSize;

    /// <summary>Size of the literal that was last announced (for <see cref="FrameStatus.LiteralTooLarge"/> replies).</summary>
    public long AnnouncedLiteralSize { get; private set; }

    /// <summary>Whether the last announced literal was non-synchronising (LITERAL+, RFC 7888): its bytes are already on the way.</summary>
    public bool AnnouncedNonSynchronizing { get; private set; }

    /// <summary>The tag of the command being read, for error replies; "*" when none could be read.</summary>
    public string CurrentTag
    {
        get
        {
            var end = _text.IndexOf((byte)' ');
            var length = end < 0 ? _text.Count : end;
            return length is > 0 and < 64 ? Encoding.ASCII.GetString(_text.GetRange(0, length).ToArray()) : "*";
        }
    }

    public void Reset()
    {
        _text.Clear();
        _literals.Clear();
        _literal = null;
        _literalFilled = 0;
    }

    public FrameStatus TryRead(ref ReadOnlySequence<byte> buffer, out ImapFrame? frame)
    {
        frame = null;
        while (true)
        {
            if (_skipping)
            {
                // The rest of an over-long line is dropped up to its end.
                var end = buffer.PositionOf((byte)'\n');
                if (end is null)
                {
                    buffer = buffer.Slice(buffer.End);
                    return FrameStatus.NeedMore;
                }

                buffer = buffer.Slice(buffer.GetPosition(1, end.Value));
                _skipping = false;
            }

            if (_literal is not null)
            {
                var take = (int)Math.Min(_literal.Length - _literalFilled, buffer.Length);
                buffer.Slice(0, take).CopyTo(_literal.AsSpan(_literalFilled));
                buffer = buffer.Slice(take);
                _literalFilled += take;
                if (_literalFilled < _literal.Length)
                {
                    return FrameStatus.NeedMore;
                }

                _literals.Add(_literal);
                _literal = null;
                continue;
            }

            var reader = new SequenceReader<byte>(buffer);
            if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n', advancePastDelimiter: true))
            {
                if (buffer.Length + _text.Count > MaxLineLength)
                {
                    buffer = buffer.Slice(buffer.End);
                    Reset();
                    _skipping = true;
                    return FrameStatus.LineTooLong;
                }

                return FrameStatus.NeedMore;
            }

            buffer = buffer.Slice(reader.Position);
            if (line.Length + _text.Count > MaxLineLength)
            {
                Reset();
                return FrameStatus.LineTooLong;
            }

            var bytes = line.ToArray();
            var length = bytes.Length > 0 && bytes[^1] == (byte)'\r' ? bytes.Length - 1 : bytes.Length;
            var lineStart = _text.Count;
            _text.AddRange(bytes.AsSpan(0, length));
            if (!TryLiteralAnnouncement(lineStart, out var size, out var nonSync))
            {
                frame = new ImapFrame([.. _text], [.. _literals]);
                Reset();
                return FrameStatus.Complete;
            }

            AnnouncedLiteralSize = size;
            AnnouncedNonSynchronizing = nonSync;
            if (size > MaxLiteralSize)
            {
                // RFC 7888 §4 / RFC 9051 §7.1: refuse before reading; the caller replies and resets.
                return FrameStatus.LiteralTooLarge;
            }

            _literal = new byte[size];
            _literalFilled = 0;
            if (!nonSync)
            {
                return FrameStatus.ContinuationNeeded;
            }
        }
    }

    /// <summary>Does the line just read (from <paramref name="lineStart"/>) end in <c>{n}</c> or <c>{n+}</c>?</summary>
    private bool TryLiteralAnnouncement(int lineStart, out long size, out bool nonSync)
    {
        size = 0;
        nonSync = false;
        var i = _text.Count - 1;
        if (i - lineStart < 2 || _text[i] != (byte)'}')
        {
            return false;
        }

        i--;
        if (_text[i] == (byte)'+')
        {
            nonSync = true;
            i--;
        }

        var end = i;
        while (i >= 0 && _text[i] is >= (byte)'0' and <= (byte)'9')
        {
            i--;
        }

        if (i < lineStart || i == end || _text[i] != (byte)'{' || end - i > 18)
        {
            return false;
        }

        for (var j = i + 1; j <= end; j++)
        {
            size = (size * 10) + (_text[j] - '0');
        }

        return true;
    }
}
