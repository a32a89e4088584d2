using System.Buffers;
using System.Text;
using Portal.Protocols.Smtp.Parsing;

namespace Portal.Protocols.Tests.Smtp.Parsing;

public sealed class DataDecoderTests
{
    [Fact]
    public void Lines_are_unstuffed_into_blocks_and_the_end_is_found_whatever_the_segments()
    {
        var wire = "Subject: a\r\n\r\n..dot\r\n..\r\nline\r\n.\r\nQUIT\r\n";
        for (var cut = 1; cut < wire.Length; cut++)
        {
            var (status, content, remaining, decoder) = Run(wire, cut, blockSize: 1024);
            Assert.Equal(DataDecodeStatus.End, status);
            Assert.Equal("Subject: a\r\n\r\n.dot\r\n.\r\nline\r\n", content);
            Assert.Equal("QUIT\r\n", remaining);
            Assert.False(decoder.Refused);
            Assert.Equal(content.Length, decoder.Size);
        }
    }

    [Fact]
    public void A_full_block_stops_before_the_line_that_does_not_fit()
    {
        var (status, content, _, _) = Run("12345678\r\nabc\r\n.\r\n", 1000, blockSize: 12);
        Assert.Equal(DataDecodeStatus.End, status);
        Assert.Equal("12345678\r\nabc\r\n", content);
    }

    [Theory]
    [InlineData("first\n.\r\n")]
    [InlineData("first\r\n.\n.\r\n")]
    [InlineData("first\r.\r\n.\r\n")]
    public void Bare_lf_or_cr_never_ends_the_data_and_refuses_the_message(string wire)
    {
        var (status, content, remaining, decoder) = Run(wire, 3, blockSize: 1024);
        Assert.Equal(DataDecodeStatus.End, status);
        Assert.True(decoder.BareLineEnd);
        Assert.Equal(string.Empty, remaining);
        Assert.DoesNotContain(".", content, StringComparison.Ordinal);
    }

    [Fact]
    public void An_over_long_line_is_dropped_to_its_end_even_before_its_end_arrives()
    {
        var wire = "ok\r\n" + new string('x', 50) + "\r\nmore\r\n.\r\n";
        var (status, content, _, decoder) = Run(wire, 20, blockSize: 1024, maxLine: 20);
        Assert.Equal(DataDecodeStatus.End, status);
        Assert.True(decoder.LineTooLong);
        Assert.Equal("ok\r\n", content);
    }

    [Fact]
    public void Content_over_the_size_limit_is_dropped_and_marked()
    {
        var (status, _, _, decoder) = Run("0123456789\r\n0123456789\r\n.\r\n", 1000, blockSize: 1024, maxSize: 15);
        Assert.Equal(DataDecodeStatus.End, status);
        Assert.True(decoder.TooBig);
        Assert.Equal(12, decoder.Size);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public void Lines_across_segments_are_decoded_as_lines_within_one(int segment)
    {
        // Kestrel hands DATA over in segments of a few KB, so most large messages have lines split across two.
        var body = new StringBuilder();
        for (var i = 0; i < 2000; i++)
        {
            body.Append(i % 97 == 0 ? "." : string.Empty).Append(new string((char)('a' + (i % 26)), i % 120)).Append("\r\n");
        }

        var wire = ("\r\n" + body).Replace("\r\n.", "\r\n..", StringComparison.Ordinal)[2..] + ".\r\nQUIT\r\n";
        var expected = body.ToString();
        var decoder = new DataDecoder(1000, 10_000_000);
        var input = Segmented(Encoding.ASCII.GetBytes(wire), segment);
        var content = new StringBuilder();
        var block = new byte[300];
        DataDecodeStatus status;
        do
        {
            status = decoder.Decode(input, block, out var consumed, out var written);
            content.Append(Encoding.ASCII.GetString(block, 0, written));
            input = input.Slice(consumed);
        }
        while (status == DataDecodeStatus.OutputFull);

        Assert.Equal(DataDecodeStatus.End, status);
        Assert.False(decoder.Refused);
        Assert.Equal(expected, content.ToString());
        Assert.Equal("QUIT\r\n", Encoding.ASCII.GetString(input.ToArray()));
    }

    [Theory]
    [InlineData("ok\r\nbare\rcr\r\n.\r\n")]
    [InlineData("ok\r\nbare\nlf\r\n.\r\n")]
    [InlineData("ok\r\nends in cr\r\r\n.\r\n")]
    public void A_bare_line_end_split_across_segments_is_still_refused(string wire)
    {
        for (var segment = 1; segment < wire.Length; segment++)
        {
            var decoder = new DataDecoder(1000, 1_000_000);
            var status = decoder.Decode(Segmented(Encoding.ASCII.GetBytes(wire), segment), new byte[1024], out _, out _);
            Assert.Equal(DataDecodeStatus.End, status);
            Assert.True(decoder.BareLineEnd, $"segments of {segment}");
        }
    }

    [Fact]
    public void An_over_long_line_split_across_segments_is_refused()
    {
        var wire = "ok\r\n" + new string('x', 50) + "\r\nmore\r\n.\r\n";
        var decoder = new DataDecoder(20, 1_000_000);
        var block = new byte[1024];
        Assert.Equal(DataDecodeStatus.End, decoder.Decode(Segmented(Encoding.ASCII.GetBytes(wire), 16), block, out _, out var written));
        Assert.True(decoder.LineTooLong);
        Assert.Equal("ok\r\n", Encoding.ASCII.GetString(block, 0, written));
    }

    private static ReadOnlySequence<byte> Segmented(byte[] bytes, int size)
    {
        Segment? first = null;
        Segment? last = null;
        for (var start = 0; start < bytes.Length; start += size)
        {
            var memory = bytes.AsMemory(start, Math.Min(size, bytes.Length - start));
            last = last is null ? first = new Segment(memory, 0) : last.Append(memory);
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }

    /// <summary>Feeds <paramref name="wire"/> in pieces of <paramref name="cut"/> bytes, as a connection would, until the end.</summary>
    private static (DataDecodeStatus Status, string Content, string Remaining, DataDecoder Decoder) Run(string wire, int cut, int blockSize, int maxLine = 1000, long maxSize = 1_000_000)
    {
        var bytes = Encoding.ASCII.GetBytes(wire);
        var decoder = new DataDecoder(maxLine, maxSize);
        var content = new StringBuilder();
        var block = new byte[blockSize];
        var pending = new List<byte>();
        var fed = 0;
        var status = DataDecodeStatus.NeedMore;
        while (true)
        {
            if (status == DataDecodeStatus.NeedMore)
            {
                if (fed == bytes.Length)
                {
                    break;
                }

                var take = Math.Min(cut, bytes.Length - fed);
                pending.AddRange(bytes.AsSpan(fed, take).ToArray());
                fed += take;
            }

            var input = new ReadOnlySequence<byte>(pending.ToArray());
            status = decoder.Decode(input, block, out var consumed, out var written);
            content.Append(Encoding.ASCII.GetString(block, 0, written));
            pending = [.. input.Slice(consumed).ToArray()];
            if (status == DataDecodeStatus.End)
            {
                break;
            }
        }

        return (status, content.ToString(), Encoding.ASCII.GetString([.. pending, .. bytes.AsSpan(fed).ToArray()]), decoder);
    }
}
