using System.Buffers;
using System.Text;
using Portal.Protocols.Shared;

namespace Portal.Protocols.Tests.Shared;

public sealed class LineReaderTests
{
    [Fact]
    public void Lines_split_on_crlf_and_report_bare_lf()
    {
        var buffer = Sequence("EHLO a\r\nMAIL FROM:<x>\nRCPT");

        Assert.Equal(LineStatus.Line, LineReader.TryReadLine(ref buffer, 100, out var first, out var firstBare));
        Assert.Equal(("EHLO a", false), (Text(first), firstBare));
        Assert.Equal(LineStatus.Line, LineReader.TryReadLine(ref buffer, 100, out var second, out var secondBare));
        Assert.Equal(("MAIL FROM:<x>", true), (Text(second), secondBare));
        Assert.Equal(LineStatus.NeedMore, LineReader.TryReadLine(ref buffer, 100, out _, out _));
        Assert.Equal("RCPT", Text(buffer));
    }

    [Fact]
    public void A_line_split_across_segments_is_joined()
    {
        var first = new Segment(Encoding.ASCII.GetBytes("NO"));
        var last = first.Append(Encoding.ASCII.GetBytes("OP\r")).Append(Encoding.ASCII.GetBytes("\nX"));
        var buffer = new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);

        Assert.Equal(LineStatus.Line, LineReader.TryReadLine(ref buffer, 10, out var line, out _));
        Assert.Equal("NOOP", Text(line));
    }

    [Fact]
    public void Over_long_lines_are_refused_and_can_be_skipped()
    {
        var complete = Sequence(new string('a', 20) + "\r\nNOOP\r\n");
        Assert.Equal(LineStatus.TooLong, LineReader.TryReadLine(ref complete, 10, out _, out _));
        Assert.Equal(LineStatus.Line, LineReader.TryReadLine(ref complete, 10, out var next, out _));
        Assert.Equal("NOOP", Text(next));

        // No line end yet but already past the limit: refuse before buffering more.
        var endless = Sequence(new string('b', 50));
        Assert.Equal(LineStatus.TooLong, LineReader.TryReadLine(ref endless, 10, out _, out _));
        Assert.False(LineReader.TrySkipLine(ref endless));
        Assert.True(endless.IsEmpty);
        var rest = Sequence("bbb\r\nQUIT\r\n");
        Assert.True(LineReader.TrySkipLine(ref rest));
        Assert.Equal("QUIT\r\n", Text(rest));
    }

    private static ReadOnlySequence<byte> Sequence(string text) => new(Encoding.ASCII.GetBytes(text));

    private static string Text(ReadOnlySequence<byte> bytes) => Encoding.ASCII.GetString(bytes.ToArray());

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
