using System.Text;
using MimeKit;
using Portal.Core.Mail;
using Portal.Core.Mail.Search;

namespace Portal.Core.Tests.Mail;

public sealed class TextContentTests
{
    private static TextPart Part(string raw)
    {
        // Parsed from a seekable stream, as the store parses the blob file: the content is a slice of it.
        var message = MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(raw)));
        return Assert.IsType<TextPart>(message.Body, exactMatch: false);
    }

    private static string Message(string contentType, string encoding, string body) =>
        $"From: a@example.test\r\nSubject: s\r\nContent-Type: {contentType}\r\nContent-Transfer-Encoding: {encoding}\r\n\r\n{body}";

    [Fact]
    public void A_part_under_the_limit_is_exactly_mimekits_text()
    {
        var part = Part(Message("text/plain; charset=utf-8", "8bit", "Grüße aus Köln\r\n"));
        Assert.Equal(part.Text, TextContent.Read(part, 1000, out var complete));
        Assert.True(complete);
    }

    [Fact]
    public void A_long_part_is_read_only_up_to_the_limit()
    {
        var body = string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog.\r\n", 2000));
        var part = Part(Message("text/plain; charset=us-ascii", "7bit", body));
        var text = TextContent.Read(part, 500, out var complete);
        Assert.False(complete);

        // MimeKit's Text gives LF line ends; both fold the same (white space runs are one space in the index).
        Assert.Equal(part.Text.ReplaceLineEndings("\r\n")[..500], text.ReplaceLineEndings("\r\n"));
    }

    [Fact]
    public void A_base64_part_that_decodes_within_the_limit_is_complete()
    {
        var plain = string.Concat(Enumerable.Repeat("äöü ", 300));
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(plain), Base64FormattingOptions.InsertLineBreaks);
        var part = Part(Message("text/plain; charset=utf-8", "base64", encoded));
        Assert.True(encoded.Length > plain.Length);
        Assert.Equal(plain, TextContent.Read(part, plain.Length, out var complete));
        Assert.True(complete);
    }

    [Fact]
    public void Latin1_without_a_charset_falls_back_like_mimekit()
    {
        var raw = Encoding.Latin1.GetBytes(Message("text/plain", "8bit", string.Concat(Enumerable.Repeat("caf\u00e9 ", 400))));
        var part = Assert.IsType<TextPart>(MimeMessage.Load(new MemoryStream(raw)).Body, exactMatch: false);
        var text = TextContent.Read(part, 100, out var complete);
        Assert.False(complete);
        Assert.Equal(part.Text[..100], text);
    }

    [Fact]
    public void A_large_body_is_cut_for_the_index_and_marked_partial_and_the_preview_is_its_start()
    {
        var body = "Start of a long letter.\r\n" + string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog.\r\n", 23_000));
        var parsed = MessageParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(Message("text/plain; charset=us-ascii", "7bit", body))));
        Assert.NotNull(parsed.Text);
        Assert.False(parsed.Text.Complete);
        Assert.InRange(parsed.Text.Body.Length, MessageTextExtractor.MaxBodyChars - 1, MessageTextExtractor.MaxBodyChars);
        Assert.StartsWith("start of a long letter. the quick brown fox", parsed.Text.Body, StringComparison.Ordinal);
        Assert.Equal(200, parsed.Preview.Length);
        Assert.StartsWith("Start of a long letter. The quick brown fox", parsed.Preview, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_part_is_folded_into_the_index_text_only_up_to_the_limit()
    {
        var body = string.Concat(Enumerable.Repeat("The Quick  brown fox\r\n\tjumps over the lazy dog.\r\n", 2000));
        var part = Part(Message("text/plain; charset=us-ascii", "7bit", body));
        var builder = new StringBuilder("subject ");
        Assert.False(TextContent.AppendFolded(part, builder, 5000));
        Assert.Equal(SearchText.Fold("subject " + part.Text)[..5000], builder.ToString());
    }

    [Fact]
    public void Folding_bytes_that_are_not_utf8_starts_again_as_latin1()
    {
        var raw = Encoding.Latin1.GetBytes(Message("text/plain", "8bit", string.Concat(Enumerable.Repeat("Caf\u00e9 ", 400))));
        var part = Assert.IsType<TextPart>(MimeMessage.Load(new MemoryStream(raw)).Body, exactMatch: false);
        var builder = new StringBuilder("x ");
        Assert.False(TextContent.AppendFolded(part, builder, 300));
        Assert.Equal(SearchText.Fold("x " + part.Text)[..300], builder.ToString());
        Assert.Contains("caf\u00e9", builder.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_base64_part_that_decodes_within_the_limit_is_folded_whole()
    {
        var plain = string.Concat(Enumerable.Repeat("ÄÖÜ ", 300));
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(plain), Base64FormattingOptions.InsertLineBreaks);
        var part = Part(Message("text/plain; charset=utf-8", "base64", encoded));
        var builder = new StringBuilder();
        Assert.True(TextContent.AppendFolded(part, builder, plain.Length + 10));
        Assert.Equal(SearchText.Fold(plain), builder.ToString());
    }
}
