using System.Buffers;

namespace Portal.Protocols.Shared;

/// <summary>Splits CRLF-terminated protocol lines off a buffer, bounded by a maximum length. Pure: no I/O.</summary>
public static class LineReader
{
    /// <summary>
    /// Takes one line (without its line end) off the front of <paramref name="buffer"/>. <paramref name="bareLf"/>
    /// tells the caller the line ended in LF without CR, which SMTP must treat with care (smuggling).
    /// </summary>
    public static LineStatus TryReadLine(ref ReadOnlySequence<byte> buffer, int maxLength, out ReadOnlySequence<byte> line, out bool bareLf)
    {
        line = default;
        bareLf = false;
        var reader = new SequenceReader<byte>(buffer);
        if (!reader.TryReadTo(out ReadOnlySequence<byte> withCr, (byte)'\n', advancePastDelimiter: true))
        {
            return buffer.Length > maxLength ? LineStatus.TooLong : LineStatus.NeedMore;
        }

        if (withCr.Length > maxLength)
        {
            buffer = buffer.Slice(reader.Position);
            return LineStatus.TooLong;
        }

        if (withCr.Length > 0 && withCr.Slice(withCr.Length - 1).FirstSpan[0] == (byte)'\r')
        {
            line = withCr.Slice(0, withCr.Length - 1);
        }
        else
        {
            line = withCr;
            bareLf = true;
        }

        buffer = buffer.Slice(reader.Position);
        return LineStatus.Line;
    }

    /// <summary>Drops bytes up to and including the next LF; false (buffer emptied) when there is none yet.</summary>
    public static bool TrySkipLine(ref ReadOnlySequence<byte> buffer)
    {
        var position = buffer.PositionOf((byte)'\n');
        if (position is null)
        {
            buffer = buffer.Slice(buffer.End);
            return false;
        }

        buffer = buffer.Slice(buffer.GetPosition(1, position.Value));
        return true;
    }
}
