using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Portal.Core.Mail.Reading;

/// <summary>
/// Turns raw message bytes into a <see cref="RenderedMessage"/>: the HTML body sanitised (<see cref="MailHtmlSanitizer"/>),
/// inline <c>cid:</c> images as data URIs, a plain-text body escaped with its links made clickable. A message MimeKit
/// cannot make sense of still renders: its raw text is shown.
/// </summary>
public static partial class MessageRenderer
{
    /// <summary>Inline images above this size stay out of the page (they remain downloadable).</summary>
    public const long MaxInlineImageBytes = 2 * 1024 * 1024;

    public static RenderedMessage Render(Stream raw, bool allowRemoteImages)
    {
        ArgumentNullException.ThrowIfNull(raw);
        MimeMessage message;
        try
        {
            message = MimeMessage.Load(raw);
        }
        catch (FormatException)
        {
            raw.Position = 0;
            using var reader = new StreamReader(raw, Encoding.UTF8, detectEncodingFromByteOrderMarks: false);
            return new RenderedMessage(string.Empty, string.Empty, string.Empty, string.Empty, null, TextToHtml(reader.ReadToEnd()), false, 0, []);
        }

        var attachments = message.Attachments.Select((entity, i) => Describe(entity, i)).ToList();
        string body;
        var wasHtml = false;
        var blocked = 0;
        string? html = null;
        string? text = null;
        try
        {
            html = message.HtmlBody;
            text = message.TextBody;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or FormatException)
        {
            // An unknown charset: fall through to the raw text below.
        }

        if (html is not null)
        {
            var inline = InlineImages(message);
            var result = MailHtmlSanitizer.Sanitize(html, allowRemoteImages, inline);
            body = result.Html;
            blocked = result.BlockedRemoteImages;
            wasHtml = true;
        }
        else
        {
            body = TextToHtml(text ?? string.Empty);
        }

        return new RenderedMessage(
            message.Subject ?? string.Empty,
            message.From.ToString(),
            message.To.ToString(),
            message.Cc.ToString(),
            message.Date == DateTimeOffset.MinValue ? null : message.Date.UtcDateTime,
            body,
            wasHtml,
            blocked,
            attachments);
    }

    /// <summary>Opens attachment <paramref name="index"/> (as numbered by <see cref="Render"/>) decoded; null when there is none.</summary>
    public static (AttachmentInfo Info, byte[] Content)? ReadAttachment(Stream raw, int index)
    {
        var message = MimeMessage.Load(raw);
        var entity = message.Attachments.ElementAtOrDefault(index);
        if (entity is null)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        switch (entity)
        {
            case MimePart part when part.Content is not null:
                part.Content.DecodeTo(buffer);
                break;
            case MessagePart rfc822:
                rfc822.Message?.WriteTo(buffer);
                break;
        }

        return (Describe(entity, index) with { Size = buffer.Length }, buffer.ToArray());
    }

    /// <summary>Plain text as HTML: escaped, line breaks kept, http(s) links clickable.</summary>
    public static string TextToHtml(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder("<pre class=\"portal-text\">");
        var last = 0;
        foreach (Match match in LinkPattern().Matches(text))
        {
            builder.Append(WebUtility.HtmlEncode(text[last..match.Index]));
            var url = WebUtility.HtmlEncode(match.Value);
            builder.Append("<a href=\"").Append(url).Append("\" target=\"_blank\" rel=\"noopener noreferrer\">").Append(url).Append("</a>");
            last = match.Index + match.Length;
        }

        builder.Append(WebUtility.HtmlEncode(text[last..])).Append("</pre>");
        return builder.ToString();
    }

    private static AttachmentInfo Describe(MimeEntity entity, int index)
    {
        var name = entity switch
        {
            MimePart part => part.FileName,
            MessagePart rfc822 => (rfc822.Message?.Subject ?? "message") + ".eml",
            _ => null,
        };
        var size = entity is MimePart { Content.Stream: { CanSeek: true } stream } ? stream.Length : 0;
        return new AttachmentInfo(index, string.IsNullOrWhiteSpace(name) ? $"attachment-{index + 1}" : name, entity.ContentType.MimeType, size);
    }

    private static Dictionary<string, string> InlineImages(MimeMessage message)
    {
        var images = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in message.BodyParts.OfType<MimePart>())
        {
            if (part.ContentId is not { Length: > 0 } id || !part.ContentType.MediaType.Equals("image", StringComparison.OrdinalIgnoreCase) || part.Content is null)
            {
                continue;
            }

            using var buffer = new MemoryStream();
            part.Content.DecodeTo(buffer);
            if (buffer.Length <= MaxInlineImageBytes)
            {
                images[id] = $"data:{part.ContentType.MimeType};base64,{Convert.ToBase64String(buffer.GetBuffer(), 0, (int)buffer.Length)}";
            }
        }

        return images;
    }

    [GeneratedRegex(@"https?://[^\s<>""']+", RegexOptions.CultureInvariant)]
    private static partial Regex LinkPattern();
}
