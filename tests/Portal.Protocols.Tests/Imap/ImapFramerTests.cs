using System.Buffers;
using System.Text;
using Portal.Protocols.Imap.Parsing;

namespace Portal.Protocols.Tests.Imap;

/// <summary>The pure framer and parser: byte-at-a-time input, literals, limits.</summary>
public sealed class ImapFramerTests
{
    [Fact]
    public void A_command_with_a_literal_arrives_one_byte_at_a_time()
    {
        var framer = new ImapFramer(1024, 100);
        var input = Encoding.ASCII.GetBytes("a LOGIN {3}\r\nbob {5+}\r\nsecre\r\n");
        var statuses = new List<FrameStatus>();
        ImapFrame? frame = null;
        var pending = new List<byte>();
        foreach (var b in input)
        {
            pending.Add(b);
            var buffer = new ReadOnlySequence<byte>(pending.ToArray());
            var status = framer.TryRead(ref buffer, out var f);
            pending = [.. buffer.ToArray()];
            statuses.Add(status);
            frame ??= f;
        }

        Assert.Single(statuses, s => s == FrameStatus.ContinuationNeeded);
        Assert.Equal(FrameStatus.Complete, statuses[^1]);
        var login = Assert.IsType<ImapCommand.Login>(ImapCommandParser.Parse(frame!));
        Assert.Equal(("bob", "secre"), (login.User, login.Password));
    }

    [Fact]
    public void An_oversized_literal_is_refused_when_announced()
    {
        var framer = new ImapFramer(1024, 100);
        var buffer = new ReadOnlySequence<byte>("t APPEND INBOX {101}\r\n"u8.ToArray());
        Assert.Equal(FrameStatus.LiteralTooLarge, framer.TryRead(ref buffer, out _));
        Assert.Equal(101, framer.AnnouncedLiteralSize);
        Assert.Equal("t", framer.CurrentTag);
    }

    [Fact]
    public void Fetch_items_parse_with_sections_and_partials()
    {
        var frame = new ImapFrame("f UID FETCH 1:*,4 (FLAGS BODY.PEEK[1.2.HEADER.FIELDS (From \"To\")]<10.20> BODY[] RFC822.SIZE) (CHANGEDSINCE 7)"u8.ToArray(), []);
        var fetch = Assert.IsType<ImapCommand.Fetch>(ImapCommandParser.Parse(frame));
        Assert.True(fetch.ByUid);
        Assert.Equal(7, fetch.ChangedSince);
        var section = fetch.Items[1];
        Assert.Equal([1, 2], section.Part!);
        Assert.Equal(SectionText.HeaderFields, section.Text);
        Assert.Equal(["From", "To"], section.Fields!);
        Assert.Equal((10L, 20L, true), (section.PartialStart!.Value, section.PartialLength!.Value, section.Peek));
        Assert.Equal("BODY[1.2.HEADER.FIELDS (From To)]<10>", ImapCommandParser.SectionName(section));
        Assert.True(fetch.Set.Contains(99, 99));
    }

    [Theory]
    [InlineData("x", "Missing command.")]
    [InlineData("x FETCH 0 FLAGS", "0 is not a valid sequence number or UID.")]
    [InlineData("x SEARCH OR SEEN", "Expected ' ' at column 17.")]
    [InlineData("x STORE 1 +FLAGZ (\\Seen)", "Unknown STORE item +FLAGZ.")]
    public void Malformed_commands_say_why(string line, string reason)
    {
        var ex = Assert.Throws<ImapParseException>(() => ImapCommandParser.Parse(new ImapFrame(Encoding.ASCII.GetBytes(line), [])));
        Assert.Equal(reason, ex.Message);
    }
}
