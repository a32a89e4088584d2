using System.Text;
using System.Text.Json;
using MimeKit.Utils;
using Portal.Core.Mail;

namespace Portal.Protocols.Imap.Commands;

/// <summary>ENVELOPE and BODY/BODYSTRUCTURE from the cached structures (RFC 3501 §7.4.2), no re-parse of the message.</summary>
internal static class StructureFormatter
{
    public static BodyPart ReadBody(Message message) =>
        JsonSerializer.Deserialize(message.BodyStructure, StructureJson.Default.BodyPart) ?? Fallback(message.Size);

    public static MessageEnvelope? ReadEnvelope(string json) =>
        JsonSerializer.Deserialize(json, StructureJson.Default.MessageEnvelope);

    /// <summary>
    /// The ENVELOPE. Non-ASCII text goes out as RFC 2047 encoded-words for IMAP4rev1 sessions (RFC 6855 §7's downgrade),
    /// and as UTF-8 for sessions that enabled UTF8=ACCEPT or IMAP4rev2 (RFC 6855 §3, RFC 9051 appendix E).
    /// </summary>
    public static string Envelope(MessageEnvelope? envelope, bool utf8)
    {
        if (envelope is null)
        {
            return "(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)";
        }

        var builder = new StringBuilder("(");
        builder.Append(ImapFormat.NString(envelope.Date)).Append(' ');
        builder.Append(ImapFormat.NString(Encode(envelope.Subject, utf8))).Append(' ');
        foreach (var list in new[] { envelope.From, envelope.Sender, envelope.ReplyTo, envelope.To, envelope.Cc, envelope.Bcc })
        {
            builder.Append(Addresses(list, utf8)).Append(' ');
        }

        builder.Append(ImapFormat.NString(envelope.InReplyTo)).Append(' ');
        builder.Append(ImapFormat.NString(envelope.MessageId)).Append(')');
        return builder.ToString();
    }

    /// <summary>
    /// BODY (no extension data) or BODYSTRUCTURE, its text in UTF-8 or encoded-words as for <see cref="Envelope"/>;
    /// <paramref name="envelopeOf"/> gives the envelope of an attached message/rfc822.
    /// </summary>
    public static string Structure(BodyPart part, bool extended, bool utf8, Func<BodyPart, MessageEnvelope?> envelopeOf)
    {
        var builder = new StringBuilder();
        Append(builder, part, new Options(extended, utf8, envelopeOf));
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, BodyPart part, Options options)
    {
        var extended = options.Extended;
        builder.Append('(');
        if (part.MediaType == "multipart")
        {
            if (part.Children.Count == 0)
            {
                // RFC 3501 §7.4.2: a multipart has at least one part; show an empty text part for a broken one.
                builder.Append("(\"text\" \"plain\" NIL NIL NIL \"7bit\" 0 0)");
            }

            foreach (var child in part.Children)
            {
                Append(builder, child, options);
            }

            builder.Append(' ').Append(ImapFormat.String(part.MediaSubtype));
            if (extended)
            {
                builder.Append(' ').Append(Parameters(part.Parameters, options.Utf8)).Append(' ').Append(Disposition(part, options.Utf8)).Append(" NIL NIL");
            }

            builder.Append(')');
            return;
        }

        builder.Append(ImapFormat.String(part.MediaType)).Append(' ').Append(ImapFormat.String(part.MediaSubtype)).Append(' ');
        builder.Append(Parameters(part.Parameters, options.Utf8)).Append(' ');
        builder.Append(ImapFormat.NString(part.ContentId)).Append(' ');
        builder.Append(ImapFormat.NString(Encode(part.Description, options.Utf8))).Append(' ');
        builder.Append(ImapFormat.String(part.TransferEncoding ?? "7bit")).Append(' ');
        builder.Append(ImapFormat.Number(part.BodySize));
        if (part.MediaType == "text")
        {
            builder.Append(' ').Append(ImapFormat.Number(part.Lines));
        }
        else if (part.MediaType == "message" && part.MediaSubtype == "rfc822")
        {
            builder.Append(' ').Append(Envelope(options.EnvelopeOf(part), options.Utf8)).Append(' ');
            if (part.Children.Count > 0)
            {
                Append(builder, part.Children[0], options);
            }
            else
            {
                builder.Append("(\"text\" \"plain\" NIL NIL NIL \"7bit\" 0 0)");
            }

            builder.Append(' ').Append(ImapFormat.Number(part.Lines));
        }

        if (extended)
        {
            builder.Append(" NIL ").Append(Disposition(part, options.Utf8)).Append(" NIL NIL");
        }

        builder.Append(')');
    }

    private static string Parameters(IReadOnlyDictionary<string, string> parameters, bool utf8) =>
        parameters.Count == 0
            ? "NIL"
            : "(" + string.Join(' ', parameters.Select(p => ImapFormat.String(p.Key) + " " + ImapFormat.String(Encode(p.Value, utf8)!))) + ")";

    private static string Disposition(BodyPart part, bool utf8) =>
        part.Disposition is null ? "NIL" : "(" + ImapFormat.String(part.Disposition) + " " + Parameters(part.DispositionParameters, utf8) + ")";

    private static string Addresses(IReadOnlyList<EnvelopeAddress> addresses, bool utf8)
    {
        if (addresses.Count == 0)
        {
            return "NIL";
        }

        var builder = new StringBuilder("(");
        string? group = null;
        foreach (var address in addresses)
        {
            if (address.Group != group)
            {
                if (group is not null)
                {
                    builder.Append("(NIL NIL NIL NIL)");
                }

                if (address.Group is not null)
                {
                    // RFC 3501 §7.4.2: a group starts with (NIL NIL "name" NIL) and ends with (NIL NIL NIL NIL).
                    builder.Append("(NIL NIL ").Append(ImapFormat.String(Encode(address.Group, utf8)!)).Append(" NIL)");
                }

                group = address.Group;
            }

            builder.Append('(').Append(ImapFormat.NString(Encode(address.Name, utf8))).Append(" NIL ")
                .Append(ImapFormat.NString(address.Mailbox)).Append(' ').Append(ImapFormat.NString(address.Host)).Append(')');
        }

        if (group is not null)
        {
            builder.Append("(NIL NIL NIL NIL)");
        }

        return builder.Append(')').ToString();
    }

    /// <summary>
    /// Decoded text with non-ASCII characters goes back out as RFC 2047 encoded-words, as IMAP4rev1 clients expect, or
    /// as it is (a UTF-8 literal, <see cref="ImapFormat.String"/>) to a session that accepts UTF-8.
    /// </summary>
    private static string? Encode(string? text, bool utf8) =>
        utf8 || text is null || text.All(c => c < 128) ? text : Encoding.ASCII.GetString(Rfc2047.EncodeText(Encoding.UTF8, text));

    private sealed record Options(bool Extended, bool Utf8, Func<BodyPart, MessageEnvelope?> EnvelopeOf);

    private static BodyPart Fallback(long size) =>
        new("text", "plain", new Dictionary<string, string>(), null, null, "7bit", null, new Dictionary<string, string>(), null, 0, 0, size, 0, []);
}
