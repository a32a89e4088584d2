using System.Text;
using Portal.Core.Mail;

namespace Portal.Core.Tests.Mail;

public sealed class MessageParserTests
{
    private const string Nested = "From: =?UTF-8?Q?J=C3=B6rg?= <jorg@example.test>\r\n" +
        "To: alice@example.test, Team: bob@example.test, carol@example.test;\r\n" +
        "Subject: =?UTF-8?B?R3LDvMOfZQ==?=\r\n" +
        "Date: Fri, 27 Nov 2026 10:00:00 +0100\r\n" +
        "Message-ID: <m1@example.test>\r\n" +
        "In-Reply-To: <m0@example.test>\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: multipart/mixed; boundary=\"outer\"\r\n" +
        "\r\n" +
        "--outer\r\n" +
        "Content-Type: multipart/alternative; boundary=\"inner\"\r\n" +
        "\r\n" +
        "--inner\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n" +
        "\r\n" +
        "Hello there,\r\nsecond line\r\n" +
        "--inner\r\n" +
        "Content-Type: text/html; charset=utf-8\r\n" +
        "\r\n" +
        "<p>Hello <b>there</b></p>\r\n" +
        "--inner--\r\n" +
        "--outer\r\n" +
        "Content-Type: application/pdf; name=\"report.pdf\"\r\n" +
        "Content-Disposition: attachment; filename=\"report.pdf\"\r\n" +
        "Content-Transfer-Encoding: base64\r\n" +
        "\r\n" +
        "JVBERi0xLjQK\r\n" +
        "--outer--\r\n";

    [Fact]
    public void Envelope_and_list_fields_are_decoded()
    {
        var parsed = Parse(Nested);

        Assert.Equal("Grüße", parsed.Subject);
        Assert.Equal("<m1@example.test>", parsed.Envelope.MessageId);
        Assert.Equal("<m0@example.test>", parsed.Envelope.InReplyTo);
        Assert.Equal("m1@example.test", parsed.MessageId);
        var from = Assert.Single(parsed.Envelope.From);
        Assert.Equal(("Jörg", "jorg", "example.test"), (from.Name, from.Mailbox, from.Host));
        Assert.Equal(parsed.Envelope.From, parsed.Envelope.Sender);
        Assert.Equal(parsed.Envelope.From, parsed.Envelope.ReplyTo);
        Assert.Equal(3, parsed.Envelope.To.Count);
        Assert.Equal("Team", parsed.Envelope.To[1].Group);
        Assert.Equal(new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc), parsed.SentDateUtc);
        Assert.True(parsed.HasAttachments);
        Assert.StartsWith("Hello there, second line", parsed.Preview, StringComparison.Ordinal);
    }

    [Fact]
    public void Body_structure_has_offsets_that_point_into_the_raw_bytes()
    {
        var raw = Encoding.UTF8.GetBytes(Nested);
        var parsed = MessageParser.Parse(new MemoryStream(raw));

        Assert.Equal(("multipart", "mixed"), (parsed.Body.MediaType, parsed.Body.MediaSubtype));
        Assert.Equal(2, parsed.Body.Children.Count);
        var alternative = parsed.Body.Children[0];
        Assert.Equal("alternative", alternative.MediaSubtype);
        var plain = alternative.Children[0];
        Assert.Equal("utf-8", plain.Parameters["charset"]);
        Assert.Equal("Hello there,\r\nsecond line", Encoding.UTF8.GetString(raw, (int)plain.BodyOffset, (int)plain.BodySize));
        var pdf = parsed.Body.Children[1];
        Assert.Equal(("application", "pdf", "attachment", "report.pdf", "base64"), (pdf.MediaType, pdf.MediaSubtype, pdf.Disposition, pdf.FileName, pdf.TransferEncoding));
        Assert.Equal("JVBERi0xLjQK", Encoding.ASCII.GetString(raw, (int)pdf.BodyOffset, (int)pdf.BodySize));
        Assert.StartsWith("Content-Type: application/pdf", Encoding.ASCII.GetString(raw, (int)pdf.HeaderOffset, 40), StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_mime_still_yields_a_structure()
    {
        // Unterminated multipart, unknown charset, garbage header line.
        var broken = "Subject: broken\r\nThis is not a header\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Type: text/plain; charset=x-unknown-charset\r\n\r\nbody with no end";
        var parsed = Parse(broken);

        Assert.Equal("broken", parsed.Subject);
        Assert.Equal("multipart", parsed.Body.MediaType);
        Assert.Single(parsed.Body.Children);
    }

    [Fact]
    public void A_message_without_headers_or_body_is_stored()
    {
        var parsed = Parse("\r\n");
        Assert.Equal(string.Empty, parsed.Subject);
        Assert.Equal("text", parsed.Body.MediaType);
    }

    [Fact]
    public void Eight_bit_utf8_headers_are_read()
    {
        var parsed = Parse("From: Zoë <zoe@example.test>\r\nSubject: Ünïcödé ✓\r\n\r\nbody\r\n");
        Assert.Equal("Ünïcödé ✓", parsed.Subject);
        Assert.Equal("Zoë", parsed.Envelope.From[0].Name);
    }

    private static ParsedMessage Parse(string text) => MessageParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(text)));
}
