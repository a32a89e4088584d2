using System.Text;
using Portal.Core.Mail.Reading;

namespace Portal.Core.Tests.Mail.Reading;

public sealed class MessageRendererTests
{
    [Fact]
    public void Remote_images_are_blocked_until_allowed_and_cid_images_are_inlined()
    {
        var raw = "Subject: pics\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=r\r\n\r\n" +
            "--r\r\nContent-Type: text/html\r\n\r\n<p>hi<img src=\"https://tracker.example/p.gif\"><img src=\"cid:logo@x\"></p>\r\n" +
            "--r\r\nContent-Type: image/png\r\nContent-ID: <logo@x>\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--r--\r\n";

        var blocked = MessageRenderer.Render(new MemoryStream(Encoding.ASCII.GetBytes(raw)), allowRemoteImages: false);
        var allowed = MessageRenderer.Render(new MemoryStream(Encoding.ASCII.GetBytes(raw)), allowRemoteImages: true);

        Assert.Equal(1, blocked.BlockedRemoteImages);
        Assert.DoesNotContain("tracker.example", blocked.BodyHtml, StringComparison.Ordinal);
        Assert.Contains("data:image/png;base64,iVBORw0KGgo=", blocked.BodyHtml, StringComparison.Ordinal);
        Assert.Equal(0, allowed.BlockedRemoteImages);
        Assert.Contains("https://tracker.example/p.gif", allowed.BodyHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Scripts_handlers_and_javascript_links_are_removed()
    {
        var (html, _) = MailHtmlSanitizer.Sanitize(
            "<p onclick=\"x()\">a</p><script>x()</script><a href=\"javascript:x()\">l</a><a href=\"data:text/html,<script>x()</script>\">d</a><form><input></form>",
            allowRemoteImages: false,
            new Dictionary<string, string>());

        Assert.DoesNotContain("script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data:text", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<form", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<input", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_is_escaped_with_links()
    {
        var html = MessageRenderer.TextToHtml("<b>not bold</b> see https://example.test/a?b=1&c=2 now");
        Assert.Equal("<pre class=\"portal-text\">&lt;b&gt;not bold&lt;/b&gt; see <a href=\"https://example.test/a?b=1&amp;c=2\" target=\"_blank\" rel=\"noopener noreferrer\">https://example.test/a?b=1&amp;c=2</a> now</pre>", html);
    }

    [Fact]
    public void Attachments_are_listed_and_read_back_decoded()
    {
        var raw = "Subject: a\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\nContent-Type: text/plain\r\n\r\nbody\r\n" +
            "--m\r\nContent-Type: application/pdf; name=r.pdf\r\nContent-Disposition: attachment; filename=r.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--m--\r\n";

        var rendered = MessageRenderer.Render(new MemoryStream(Encoding.ASCII.GetBytes(raw)), false);
        var attachment = MessageRenderer.ReadAttachment(new MemoryStream(Encoding.ASCII.GetBytes(raw)), 0);

        Assert.Equal(("r.pdf", "application/pdf"), (rendered.Attachments[0].FileName, rendered.Attachments[0].ContentType));
        Assert.Equal("%PDF-1.4\n", Encoding.ASCII.GetString(attachment!.Value.Content));
        Assert.Null(MessageRenderer.ReadAttachment(new MemoryStream(Encoding.ASCII.GetBytes(raw)), 1));
    }
}
