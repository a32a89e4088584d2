using MimeKit;

namespace Portal.Core.Mail.Compose;

/// <summary>
/// The body of a composed message. Rich text becomes multipart/alternative: text/plain generated from the sanitized
/// HTML, then that HTML (RFC 2046 §5.1.4: the preferred form last). Plain text is a single text/plain part.
/// </summary>
public static class ComposeBody
{
    /// <summary>A builder holding the body; <paramref name="removed"/> counts active content the sanitizer dropped.</summary>
    public static BodyBuilder Create(string content, bool isHtml, out int removed)
    {
        ArgumentNullException.ThrowIfNull(content);
        removed = 0;
        if (!isHtml)
        {
            return new BodyBuilder { TextBody = content.ReplaceLineEndings("\n") };
        }

        var html = ComposeHtml.Sanitize(content, out removed);
        return new BodyBuilder { TextBody = ComposeHtml.ToText(html), HtmlBody = html };
    }
}
