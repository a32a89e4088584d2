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
public sealed class DataDecoder(int maxLineLength, long maxSize)
{
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
        var reader = new SequenceReader<byte>(input);
        written = 0;
        while (true)
        {
            var lineStart = reader.Position;
            if (!reader.TryReadTo(out ReadOnlySequence<byte> line, (byte)'\n'))
            {
                if (_skipping || reader.Remaining >= maxLineLength)
                {
                    // Over-long with no end in sight: drop what there is and the rest of the line as it comes.
                    LineTooLong = true;
                    _skipping = true;
                    reader.AdvanceToEnd();
                }

                consumed = reader.Position;
                return DataDecodeStatus.NeedMore;
            }

            if (_skipping)
            {
                // The end of an over-long line.
                _skipping = false;
                continue;
            }

            var crLf = line.Length > 0 && line.Slice(line.Length - 1).FirstSpan[0] == (byte)'\r';
            var text = crLf ? line.Slice(0, line.Length - 1) : line;
            if (crLf && text.Length == 1 && text.FirstSpan[0] == (byte)'.')
            {
                consumed = reader.Position;
                return DataDecodeStatus.End;
            }

            if (line.Length + 1 > maxLineLength)
            {
                LineTooLong = true;
                continue;
            }

            if (!crLf || text.PositionOf((byte)'\r') is not null)
            {
                BareLineEnd = true;
                continue;
            }

            if (Refused)
            {
                continue;
            }

            if (text.Length > 0 && text.FirstSpan[0] == (byte)'.')
            {
                text = text.Slice(1);
            }

            var needed = (int)text.Length + 2;
            if (Size + needed > maxSize)
            {
                TooBig = true;
                continue;
            }

            if (written + needed > output.Length)
            {
                consumed = lineStart;
                return DataDecodeStatus.OutputFull;
            }

            text.CopyTo(output[written..]);
            written += (int)text.Length;
            output[written++] = (byte)'\r';
            output[written++] = (byte)'\n';
            Size += needed;
        }
    }
}
