using System.Buffers;

namespace Portal.Protocols.Smtp.Parsing;

/// <summary>What <see cref="DataDecoder.Decode"/> stopped at.</summary>
public enum DataDecodeStatus
{
    /// <summary>Every complete line is taken; more input is needed.</summary>
    NeedMore,

    /// <summary>The output has no room for the next line: write it out and call again with the same input.</summary>
    OutputFull,

    /// <summary>The end-of-data line was taken.</summary>
    End,
}

/// <summary>
/// DATA content (RFC 5321 §4.5.2), incrementally: whole lines are copied from the input into an output block with one
/// leading dot removed, so the caller writes blocks, not lines. Only "." closed by CRLF ends the data; a line ending in a
/// bare LF or holding a bare CR (§2.3.8, SMTP smuggling), a line over <c>maxLineLength</c> octets with its CRLF
/// (§4.5.3.1.6) or content over <c>maxSize</c> marks the message refused: the rest is read and dropped up to the end.
/// Pure: no I/O.
/// </summary>
/// <remarks>
/// Lines are found with one vectorized search for CR or LF in each input segment's span (a 1 MB message is ~13,000
/// lines, and a <see cref="SequenceReader{T}"/> per line cost a tenth of the server's CPU per message); only a line
/// that spans two segments is copied into a scratch line first.
/// </remarks>
public sealed class DataDecoder(int maxLineLength, long maxSize)
{
    private enum LineOutcome
    {
        Taken,
        OutputFull,
        End,
    }

    private byte[]? _scratch;
    private bool _skipping;

    /// <summary>A line ended in a bare LF or held a bare CR.</summary>
    public bool BareLineEnd { get; private set; }

    public bool LineTooLong { get; private set; }

    public bool TooBig { get; private set; }

    public bool Refused => BareLineEnd || LineTooLong || TooBig;

    /// <summary>Octets of content produced so far (dot-unstuffed, CRLF line ends).</summary>
    public long Size { get; private set; }

    public DataDecodeStatus Decode(ReadOnlySequence<byte> input, Span<byte> output, out SequencePosition consumed, out int written)
    {
        written = 0;
        var rest = input;
        while (true)
        {
            // Every line that ends inside the first segment, read from its span.
            var span = rest.FirstSpan;
            var offset = 0;

            // Plain lines (CRLF, no leading dot, nothing refused) are copied as one run, not one by one.
            var run = 0;
            while (true)
            {
                var hit = span[offset..].IndexOfAny((byte)'\r', (byte)'\n');
                if (hit < 0)
                {
                    break;
                }

                int length;
                bool clean;
                if (span[offset + hit] == (byte)'\r' && offset + hit + 1 < span.Length && span[offset + hit + 1] == (byte)'\n')
                {
                    // The usual case: the first CR of the line is its CRLF.
                    length = hit + 2;
                    clean = true;
                }
                else
                {
                    var newline = span[offset..].IndexOf((byte)'\n');
                    if (newline < 0)
                    {
                        break;
                    }

                    length = newline + 1;
                    clean = false;
                }

                if (clean && span[offset] != (byte)'.' && !_skipping && !Refused && length <= maxLineLength
                    && Size + length <= maxSize && written + (offset - run) + length <= output.Length)
                {
                    Size += length;
                    offset += length;
                    continue;
                }

                written += Copy(span[run..offset], output[written..]);
                var status = Line(span.Slice(offset, length), clean, output, ref written);
                if (status == LineOutcome.OutputFull)
                {
                    consumed = rest.GetPosition(offset);
                    return DataDecodeStatus.OutputFull;
                }

                offset += length;
                run = offset;
                if (status == LineOutcome.End)
                {
                    consumed = rest.GetPosition(offset);
                    return DataDecodeStatus.End;
                }
            }

            written += Copy(span[run..offset], output[written..]);
            rest = rest.Slice(offset);

            // What is left starts a line that ends in a later segment, or has not all arrived.
            if (rest.PositionOf((byte)'\n') is not { } end)
            {
                if (_skipping || rest.Length >= maxLineLength)
                {
                    // Over-long with no end in sight: drop what there is and the rest of the line as it comes.
                    LineTooLong = true;
                    _skipping = true;
                    rest = rest.Slice(rest.End);
                }

                consumed = rest.Start;
                return DataDecodeStatus.NeedMore;
            }

            var line = rest.Slice(0, rest.GetPosition(1, end));
            LineOutcome spanned;
            if (line.Length > maxLineLength)
            {
                // Dropped whatever it holds: the end of a line already skipped, or one too long.
                LineTooLong |= !_skipping;
                _skipping = false;
                spanned = LineOutcome.Taken;
            }
            else
            {
                _scratch ??= new byte[maxLineLength];
                var copy = _scratch.AsSpan(0, (int)line.Length);
                line.CopyTo(copy);
                var clean = copy.Length >= 2 && copy[^2] == (byte)'\r' && !copy[..^2].ContainsAny((byte)'\r', (byte)'\n');
                spanned = Line(copy, clean, output, ref written);
            }

            if (spanned == LineOutcome.OutputFull)
            {
                consumed = rest.Start;
                return DataDecodeStatus.OutputFull;
            }

            rest = rest.Slice(line.End);
            if (spanned == LineOutcome.End)
            {
                consumed = rest.Start;
                return DataDecodeStatus.End;
            }
        }
    }

    private static int Copy(ReadOnlySpan<byte> lines, Span<byte> output)
    {
        lines.CopyTo(output);
        return lines.Length;
    }

    /// <summary>One line with its LF; <paramref name="clean"/> when it ends in CRLF and holds no other CR or LF.</summary>
    private LineOutcome Line(ReadOnlySpan<byte> line, bool clean, Span<byte> output, ref int written)
    {
        if (_skipping)
        {
            // The end of an over-long line.
            _skipping = false;
            return LineOutcome.Taken;
        }

        if (clean && line.Length == 3 && line[0] == (byte)'.')
        {
            return LineOutcome.End;
        }

        if (line.Length > maxLineLength)
        {
            LineTooLong = true;
            return LineOutcome.Taken;
        }

        if (!clean)
        {
            BareLineEnd = true;
            return LineOutcome.Taken;
        }

        if (Refused)
        {
            return LineOutcome.Taken;
        }

        // The line as it came, CRLF included, less one leading dot.
        var content = line[0] == (byte)'.' ? line[1..] : line;
        if (Size + content.Length > maxSize)
        {
            TooBig = true;
            return LineOutcome.Taken;
        }

        if (written + content.Length > output.Length)
        {
            return LineOutcome.OutputFull;
        }

        content.CopyTo(output[written..]);
        written += content.Length;
        Size += content.Length;
        return LineOutcome.Taken;
    }
}
