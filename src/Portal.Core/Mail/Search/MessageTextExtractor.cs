using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace Portal.Core.Mail.Search;

/// <summary>
/// Makes the <see cref="MessageText"/> of a parsed message: the address fields and subject decoded, every header
/// value, and the decoded text of the text/* parts (charset and transfer encoding undone, HTML reduced to its text;
/// of a multipart/alternative only the plain part when there is one), into attached messages too. Each field is cut
/// at a cap; the store runs it at append time, the search runs it uncapped on messages whose text was cut.
/// </summary>
public static partial class MessageTextExtractor
{
    // Mail comes in koi8-r, windows-1251, shift_jis...: .NET knows only the Unicode and Latin-1 ones without this.
    static MessageTextExtractor() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public const int MaxBodyChars = 100_000;
    public const int MaxHeaderChars = 16_000;
    public const int MaxAddressChars = 8_000;
    public const int MaxSubjectChars = 2_000;

    /// <summary>Signatures: long machine-made base64 that nobody searches for and that would bloat the index.</summary>
    private static readonly HashSet<string> SkippedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "DKIM-Signature", "ARC-Seal", "ARC-Message-Signature", "X-Google-DKIM-Signature",
    };

    public static MessageText Extract(MimeMessage message, bool capped = true)
    {
        ArgumentNullException.ThrowIfNull(message);
        var complete = true;
        var subject = Fold(message.Subject, capped ? MaxSubjectChars : int.MaxValue, ref complete);
        var from = Fold(Addresses(message.From), capped ? MaxAddressChars : int.MaxValue, ref complete);
        var to = Fold(Addresses(message.To), capped ? MaxAddressChars : int.MaxValue, ref complete);
        var cc = Fold(Addresses(message.Cc), capped ? MaxAddressChars : int.MaxValue, ref complete);
        var bcc = Fold(Addresses(message.Bcc), capped ? MaxAddressChars : int.MaxValue, ref complete);

        var headers = new StringBuilder();
        var headerLimit = capped ? MaxHeaderChars : int.MaxValue;
        // MimeKit keeps the Content-* fields on the body entity; in the message they are header fields too.
        foreach (var header in message.Headers.Concat(message.Body?.Headers ?? []))
        {
            if (SkippedHeaders.Contains(header.Field))
            {
                continue;
            }

            complete &= SearchText.Append(headers, header.Field, headerLimit)
                && SearchText.Append(headers, ": ", headerLimit)
                && SearchText.Append(headers, Value(header), headerLimit)
                && SearchText.Append(headers, " ", headerLimit);
        }

        var body = new StringBuilder();
        if (message.Body is not null)
        {
            complete &= AppendBody(body, message.Body, capped ? MaxBodyChars : int.MaxValue);
        }

        return new MessageText(subject, from, to, cc, bcc, TrimmedEnd(headers), TrimmedEnd(body), complete);
    }

    /// <summary>The folded text without its trailing space, cut in the builder: a copy of a 100,000-character body is 200 KB.</summary>
    private static string TrimmedEnd(StringBuilder folded)
    {
        while (folded.Length > 0 && char.IsWhiteSpace(folded[^1]))
        {
            folded.Length--;
        }

        return folded.ToString();
    }

    /// <summary>Parses <paramref name="raw"/> and extracts its uncapped text; null when not even the headers parse.</summary>
    public static async Task<MessageText?> ExtractAsync(Stream raw, CancellationToken cancellationToken)
    {
        try
        {
            var message = await MimeMessage.LoadAsync(raw, cancellationToken).ConfigureAwait(false);
            return Extract(message, capped: false);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool AppendBody(StringBuilder body, MimeEntity entity, int limit)
    {
        switch (entity)
        {
            case Multipart alternative when alternative.ContentType.IsMimeType("multipart", "alternative"):
                // RFC 2046 §5.1.4: the parts say the same thing; the plain one is the text, the richer ones formatting.
                var preferred = alternative.OfType<TextPart>().FirstOrDefault(p => p.IsPlain)
                    ?? (MimeEntity?)alternative.FirstOrDefault(p => p is not TextPart || p is TextPart { IsHtml: true })
                    ?? alternative.FirstOrDefault();
                return preferred is null || AppendBody(body, preferred, limit);
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    if (!AppendBody(body, child, limit))
                    {
                        return false;
                    }
                }

                return true;
            case MessagePart { Message: { } inner }:
                return SearchText.Append(body, inner.Subject ?? string.Empty, limit)
                    && SearchText.Append(body, " ", limit)
                    && (inner.Body is null || AppendBody(body, inner.Body, limit));
            case TextPart text:
                var start = body.Length;
                bool whole;
                try
                {
                    if (text.IsHtml)
                    {
                        // Only as much as the cap can take, not the whole part: HTML loses most of its characters to
                        // tags, so read a few times the room that is left.
                        var room = limit == int.MaxValue ? int.MaxValue : (int)Math.Min(int.MaxValue, ((long)limit - body.Length + 1) * 8);
                        var html = TextContent.Read(text, room, out whole);
                        whole &= SearchText.Append(body, HtmlToText(html), limit);
                    }
                    else
                    {
                        // Plain text is folded straight into the body as it is decoded, up to the cap.
                        whole = TextContent.AppendFolded(text, body, limit);
                    }
                }
                catch (Exception ex) when (ex is ArgumentException or NotSupportedException or FormatException)
                {
                    // An unknown charset: nothing reliable to index.
                    body.Length = start;
                    return true;
                }

                return SearchText.Append(body, " ", limit) && whole;
            default:
                return true;
        }
    }

    /// <summary>The words of an HTML document: scripts, styles and comments dropped, tags removed, entities decoded.</summary>
    public static string HtmlToText(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var text = InvisiblePattern().Replace(html, " ");
        text = InlineTagPattern().Replace(text, string.Empty);
        text = TagPattern().Replace(text, " ");
        return WebUtility.HtmlDecode(text);
    }

    private static string Fold(string? value, int limit, ref bool complete)
    {
        var builder = new StringBuilder();
        complete &= SearchText.Append(builder, value ?? string.Empty, limit);
        return builder.ToString().Trim();
    }

    private static string Addresses(InternetAddressList list) =>
        string.Join(", ", list.Mailboxes.Select(m => string.IsNullOrEmpty(m.Name) ? m.Address : $"{m.Name} <{m.Address}>"));

    private static string Value(Header header)
    {
        try
        {
            return header.Value;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or FormatException)
        {
            return string.Empty;
        }
    }

    [GeneratedRegex(@"<(script|style)\b.*?</\1\s*>|<!--.*?-->", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant)]
    private static partial Regex InvisiblePattern();

    [GeneratedRegex(@"</?(a|b|i|u|em|strong|span|font|small|big|sub|sup|code|abbr|mark|s)\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InlineTagPattern();

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();
}
