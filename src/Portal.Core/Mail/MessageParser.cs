using System.Text.RegularExpressions;
using MimeKit;
using Portal.Core.Mail.Search;

namespace Portal.Core.Mail;

/// <summary>
/// Computes the envelope, MIME tree (with byte offsets) and list/search fields of a raw message with MimeKit.
/// Runs once, at store time. A broken message still yields a best-effort result: the raw bytes stay the truth.
/// </summary>
public static partial class MessageParser
{
    private const int PreviewLength = 200;

    /// <summary>How much of the body text the preview is made from.</summary>
    private const int PreviewSourceLength = 16 * 1024;

    // Legacy charsets (koi8-r, windows-125x, iso-2022-jp...) for MimeKit's decoders.
    static MessageParser() => System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);

    public static ParsedMessage Parse(Stream raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var begins = new Dictionary<MimeEntity, long>(ReferenceEqualityComparer.Instance);
        var ends = new Dictionary<MimeEntity, (long HeadersEnd, long End, int Lines)>(ReferenceEqualityComparer.Instance);
        long messageHeadersEnd = 0;

        // A seekable source (the stored file, an IMAP literal in memory) is not copied: parts read their bytes from it while parsing.
        var parser = new MimeParser(raw, MimeFormat.Entity, persistent: raw.CanSeek);
        parser.MimeEntityBegin += (_, e) => begins[e.Entity] = e.BeginOffset;
        parser.MimeEntityEnd += (_, e) => ends[e.Entity] = (e.HeadersEndOffset, e.EndOffset, e.Lines);
        parser.MimeMessageEnd += (_, e) => messageHeadersEnd = e.HeadersEndOffset;

        MimeMessage message;
        try
        {
            message = parser.ParseMessage();
        }
        catch (FormatException)
        {
            // Not even headers could be read: keep the whole thing as one text/plain body.
            var length = raw.CanSeek ? raw.Length : 0;
            var fallback = new BodyPart("text", "plain", new Dictionary<string, string>(), null, null, "7bit", null,
                new Dictionary<string, string>(), null, 0, 0, length, 0, []);
            return new ParsedMessage(EmptyEnvelope, fallback, string.Empty, string.Empty, string.Empty, string.Empty,
                null, null, null, null, false, string.Empty);
        }

        var body = message.Body is null
            ? new BodyPart("text", "plain", new Dictionary<string, string> { ["charset"] = "us-ascii" }, null, null, "7bit", null,
                new Dictionary<string, string>(), null, messageHeadersEnd, messageHeadersEnd, messageHeadersEnd, 0, [])
            : Describe(message.Body, begins, ends);

        return new ParsedMessage(
            EnvelopeOf(message),
            body,
            message.Subject ?? string.Empty,
            message.From.ToString(),
            message.To.ToString(),
            message.Cc.ToString(),
            message.MessageId,
            message.InReplyTo,
            message.References.Count == 0 ? null : string.Join(' ', message.References.Select(r => $"<{r}>")),
            message.Date == DateTimeOffset.MinValue ? null : message.Date.UtcDateTime,
            message.Attachments.Any(),
            PreviewOf(message),
            MessageTextExtractor.Extract(message));
    }

    public static MessageEnvelope EnvelopeOf(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var from = Addresses(message.From);
        return new MessageEnvelope(
            message.Headers[HeaderId.Date],
            message.Subject,
            from,
            message.Sender is null ? from : Addresses([message.Sender]),
            message.ReplyTo.Count == 0 ? from : Addresses(message.ReplyTo),
            Addresses(message.To),
            Addresses(message.Cc),
            Addresses(message.Bcc),
            message.Headers[HeaderId.InReplyTo]?.Trim(),
            message.Headers[HeaderId.MessageId]?.Trim());
    }

    private static readonly MessageEnvelope EmptyEnvelope = new(null, null, [], [], [], [], [], [], null, null);

    private static List<EnvelopeAddress> Addresses(IEnumerable<InternetAddress> list, string? group = null)
    {
        var result = new List<EnvelopeAddress>();
        foreach (var address in list)
        {
            switch (address)
            {
                case MailboxAddress mailbox:
                    var at = mailbox.Address.LastIndexOf('@');
                    result.Add(at < 0
                        ? new EnvelopeAddress(NullIfEmpty(mailbox.Name), mailbox.Address, null, group)
                        : new EnvelopeAddress(NullIfEmpty(mailbox.Name), mailbox.Address[..at], mailbox.Address[(at + 1)..], group));
                    break;
                case GroupAddress g:
                    result.AddRange(Addresses(g.Members, g.Name));
                    break;
            }
        }

        return result;
    }

    private static BodyPart Describe(
        MimeEntity entity,
        Dictionary<MimeEntity, long> begins,
        Dictionary<MimeEntity, (long HeadersEnd, long End, int Lines)> ends)
    {
        var begin = begins.GetValueOrDefault(entity);
        var (headersEnd, end, lines) = ends.GetValueOrDefault(entity);
        var type = entity.ContentType;
        var parameters = type.Parameters.ToDictionary(p => p.Name.ToLowerInvariant(), p => p.Value, StringComparer.OrdinalIgnoreCase);
        var disposition = entity.ContentDisposition;
        var dispositionParameters = disposition?.Parameters.ToDictionary(p => p.Name.ToLowerInvariant(), p => p.Value, StringComparer.OrdinalIgnoreCase)
            ?? new Dictionary<string, string>();

        var children = entity switch
        {
            Multipart multipart => multipart.Select(child => Describe(child, begins, ends)).ToList(),
            MessagePart { Message.Body: { } inner } => [Describe(inner, begins, ends)],
            _ => new List<BodyPart>(),
        };

        return new BodyPart(
            type.MediaType.ToLowerInvariant(),
            type.MediaSubtype.ToLowerInvariant(),
            parameters,
            entity.Headers[HeaderId.ContentId]?.Trim(),
            entity.Headers[HeaderId.ContentDescription]?.Trim(),
            entity.Headers[HeaderId.ContentTransferEncoding]?.Trim().ToLowerInvariant(),
            disposition?.Disposition.ToLowerInvariant(),
            dispositionParameters,
            (entity as MimePart)?.FileName,
            begin,
            headersEnd,
            Math.Max(end, headersEnd),
            lines,
            children);
    }

    private static string PreviewOf(MimeMessage message)
    {
        string? text;
        try
        {
            // Only the start matters: a 1 MB body is not decoded, tag-stripped and collapsed whole for 200 characters.
            text = BodyPart(message.Body, html: false) is { } plain
                ? TextContent.Read(plain, PreviewSourceLength, out _)
                : BodyPart(message.Body, html: true) is { } html
                    ? TagPattern().Replace(TextContent.Read(html, PreviewSourceLength * 4, out _), " ")
                    : null;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or FormatException)
        {
            // An unknown charset must not stop the message from being stored.
            text = null;
        }

        return string.IsNullOrEmpty(text) ? string.Empty : Collapse(System.Net.WebUtility.HtmlDecode(Head(text, PreviewSourceLength)), PreviewLength);
    }

    /// <summary>
    /// The part MimeKit's <see cref="MimeMessage.TextBody"/> / <see cref="MimeMessage.HtmlBody"/> would read: the last
    /// matching alternative, the root of multipart/related, else the first matching part that is not an attachment.
    /// </summary>
    private static TextPart? BodyPart(MimeEntity? entity, bool html) => entity switch
    {
        TextPart text => (html ? text.IsHtml : text.IsPlain) && !text.IsAttachment ? text : null,
        MultipartAlternative alternative => alternative.Reverse().Select(p => BodyPart(p, html)).FirstOrDefault(p => p is not null),
        MultipartRelated related => BodyPart(related.Root, html),
        Multipart multipart => multipart.Select(p => BodyPart(p, html)).FirstOrDefault(p => p is not null),
        _ => null,
    };

    /// <summary>White space runs as one space, trimmed, cut at <paramref name="length"/>; stops reading once that is reached.</summary>
    private static string Collapse(string text, int length)
    {
        var builder = new System.Text.StringBuilder(length + 1);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
            if (builder.Length >= length)
            {
                break;
            }
        }

        return builder.Length <= length ? builder.ToString() : builder.ToString(0, length);
    }

    private static string Head(string value, int length) => value.Length <= length ? value : value[..length];

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex TagPattern();

}
