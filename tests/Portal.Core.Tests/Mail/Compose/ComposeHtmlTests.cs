using MimeKit;
using Portal.Core.Mail.Compose;

namespace Portal.Core.Tests.Mail.Compose;

public sealed class ComposeHtmlTests
{
    [Fact]
    public void Sanitize_keeps_formatting_and_drops_active_content()
    {
        var html = """
            <div><b>bold</b> <i>italic</i> <u>under</u> <span style="position:fixed">boxed</span></div>
            <ul><li>one</li></ul><blockquote>quoted</blockquote>
            <script>alert(1)</script><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">js</a>
            <a href="https://example.test/a" onclick="alert(4)">ok</a><font color="red">wrapped</font>
            <iframe src="https://example.test"></iframe><style>body{display:none}</style>
            """;

        var clean = ComposeHtml.Sanitize(html, out var removed);

        Assert.Contains("<b>bold</b>", clean, StringComparison.Ordinal);
        Assert.Contains("<i>italic</i>", clean, StringComparison.Ordinal);
        Assert.Contains("<u>under</u>", clean, StringComparison.Ordinal);
        Assert.Contains("<li>one</li>", clean, StringComparison.Ordinal);
        Assert.Contains("<blockquote>quoted</blockquote>", clean, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.test/a\"", clean, StringComparison.Ordinal);
        Assert.Contains("wrapped", clean, StringComparison.Ordinal);
        foreach (var bad in new[] { "script", "alert", "onerror", "onclick", "javascript", "<img", "<iframe", "style", "position", "<font" })
        {
            Assert.DoesNotContain(bad, clean, StringComparison.OrdinalIgnoreCase);
        }

        Assert.True(removed >= 5, $"removed {removed}");
    }

    [Fact]
    public void ToText_renders_paragraphs_lists_quotes_and_links()
    {
        var html = "<div>Hello <b>Bob</b>,</div><div><br></div><ol><li>first</li><li>second</li></ol><ul><li>dot</li></ul>" +
            "<blockquote><div>earlier line</div><div>and more</div></blockquote><p>See <a href=\"https://example.test/x\">the plan</a>.</p>";

        var text = ComposeHtml.ToText(html);

        Assert.Equal("Hello Bob,\n\n1. first\n2. second\n- dot\n> earlier line\n> and more\nSee the plan <https://example.test/x>.", text);
    }

    [Fact]
    public void FromText_escapes_and_makes_quotes_blockquotes()
    {
        var html = ComposeHtml.FromText("a <b> & c\n\n> quoted\n> again\nafter");

        Assert.Equal("<div>a &lt;b&gt; &amp; c</div><div><br></div><blockquote><div>quoted</div><div>again</div></blockquote><div>after</div>", html);
        Assert.Equal("a <b> & c\n\n> quoted\n> again\nafter", ComposeHtml.ToText(html));
    }

    [Fact]
    public void Rich_body_is_multipart_alternative_with_generated_text_and_sanitized_html()
    {
        var builder = ComposeBody.Create("<div>Hi <b>there</b></div><img src=x onerror=alert(1)>", isHtml: true, out var removed);
        var message = new MimeMessage { Body = builder.ToMessageBody() };

        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.Equal(["text/plain", "text/html"], alternative.Select(p => p.ContentType.MimeType));
        Assert.Equal("Hi there", message.TextBody?.Trim());
        Assert.Contains("<b>there</b>", message.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("onerror", message.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(1, removed);
    }

    [Fact]
    public void Plain_body_is_one_text_part()
    {
        var message = new MimeMessage { Body = ComposeBody.Create("Hi <b>there</b>\r\nbye", isHtml: false, out _).ToMessageBody() };

        var part = Assert.IsType<TextPart>(message.Body);
        Assert.True(part.IsPlain);
        Assert.Equal("Hi <b>there</b>\nbye", part.Text);
    }

    [Theory]
    [InlineData("Alice Example", null, null)]
    [InlineData("Line\nbreak", null, "control characters")]
    [InlineData(null, "short", null)]
    public void Identity_values_are_validated(string? name, string? signature, string? problem)
    {
        var result = MailIdentity.Validate(name, signature);
        if (problem is null)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Contains(problem, result, StringComparison.Ordinal);
        }

        Assert.Contains("longer than", MailIdentity.Validate(null, new string('x', MailIdentity.MaxSignatureLength + 1)), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_signature_is_sanitized_and_plain_one_made_html()
    {
        var html = new MailIdentity("a@example.test", null, "<b>Alice</b><script>x()</script>", SignatureIsHtml: true);
        var plain = new MailIdentity("a@example.test", null, "Alice\n<Sales>", SignatureIsHtml: false);

        Assert.Equal("<b>Alice</b>", html.SignatureHtml);
        Assert.Equal("Alice", html.SignatureText);
        Assert.Equal("<div>Alice</div><div>&lt;Sales&gt;</div>", plain.SignatureHtml);
        Assert.Null(new MailIdentity("a@example.test", null, "  ", false).SignatureHtml);
    }
}
