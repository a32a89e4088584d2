using System.Buffers;
using System.Text;
using MimeKit;
using Portal.Core.Mail.Search;

namespace Portal.Core.Mail;

/// <summary>
/// The decoded text of a text part, read only as far as it is needed. <see cref="TextPart.Text"/> decodes the whole
/// part into one string: for a 1 MB body that is a 2 MB string (made twice, for the preview and for the search text)
/// of which the store keeps at most 100,000 characters.
/// </summary>
public static class TextContent
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>
    /// At most <paramref name="maxChars"/> characters of <paramref name="part"/>'s text; <paramref name="complete"/> is
    /// false when there was more. A part small enough to hold no more than that is decoded by MimeKit
    /// (<see cref="TextPart.Text"/>: charset, BOM, UTF-8, then Latin-1), so a complete result is exactly its text.
    /// </summary>
    public static string Read(TextPart part, int maxChars, out bool complete)
    {
        ArgumentNullException.ThrowIfNull(part);
        complete = true;
        if (part.Content is not { } source)
        {
            return string.Empty;
        }

        // Decoding never makes more characters than there are encoded bytes (base64 and quoted-printable shrink).
        if (maxChars == int.MaxValue || source.Stream is not { CanSeek: true } stream || stream.Length <= maxChars)
        {
            return part.Text;
        }

        var encoding = EncodingOf(part);
        if (ReadPrefix(source, encoding ?? new UTF8Encoding(false, throwOnInvalidBytes: true), maxChars, out var text, out var ended) is false)
        {
            // Not UTF-8 after all: MimeKit's last resort.
            ReadPrefix(source, Encoding.Latin1, maxChars, out text, out ended);
        }

        // The whole part fitted after all (multi-byte characters, base64): let MimeKit give the exact text.
        if (ended)
        {
            return part.Text;
        }

        complete = false;
        return text;
    }

    /// <summary>
    /// Appends <paramref name="part"/>'s text folded for search (<see cref="SearchText.Append"/>) to
    /// <paramref name="builder"/> until it holds <paramref name="limit"/> characters, decoding chunk by chunk only as
    /// far as that takes, with no string of the text in between; false when the part had more. A part small enough is
    /// decoded by MimeKit, as <see cref="Read"/> does.
    /// </summary>
    public static bool AppendFolded(TextPart part, StringBuilder builder, int limit)
    {
        ArgumentNullException.ThrowIfNull(part);
        ArgumentNullException.ThrowIfNull(builder);
        if (part.Content is not { } source)
        {
            return true;
        }

        if (limit == int.MaxValue || source.Stream is not { CanSeek: true } stream || stream.Length <= limit - builder.Length)
        {
            return SearchText.Append(builder, part.Text, limit);
        }

        var start = builder.Length;
        var outcome = AppendPrefix(source, EncodingOf(part) ?? new UTF8Encoding(false, throwOnInvalidBytes: true), builder, limit);
        if (outcome == Prefix.Invalid)
        {
            // Not UTF-8 after all: MimeKit's last resort.
            builder.Length = start;
            outcome = AppendPrefix(source, Encoding.Latin1, builder, limit);
        }

        if (outcome == Prefix.Ended)
        {
            // The whole part fitted after all (multi-byte characters, base64): let MimeKit give the exact text.
            builder.Length = start;
            return SearchText.Append(builder, part.Text, limit);
        }

        return false;
    }

    private enum Prefix
    {
        Cut,
        Ended,
        Invalid,
    }

    private static Prefix AppendPrefix(IMimeContent source, Encoding encoding, StringBuilder builder, int limit)
    {
        var decoder = encoding.GetDecoder();
        var bytes = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var chars = ArrayPool<char>.Shared.Rent(encoding.GetMaxCharCount(ChunkBytes));
        try
        {
            using var content = source.Open();
            while (true)
            {
                var read = content.Read(bytes, 0, ChunkBytes);
                var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: read == 0);
                if (!SearchText.Append(builder, chars.AsSpan(0, count), limit))
                {
                    return Prefix.Cut;
                }

                if (read == 0)
                {
                    return Prefix.Ended;
                }
            }
        }
        catch (DecoderFallbackException)
        {
            return Prefix.Invalid;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
            ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static Encoding? EncodingOf(TextPart part)
    {
        try
        {
            return part.ContentType.Charset is null ? null : part.ContentType.CharsetEncoding;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>Decodes up to <paramref name="maxChars"/> characters; false when the bytes are not valid in <paramref name="encoding"/>.</summary>
    private static bool ReadPrefix(IMimeContent source, Encoding encoding, int maxChars, out string text, out bool ended)
    {
        var decoder = encoding.GetDecoder();
        // Grown in chunks of at most 8,000 characters, none on the large-object heap.
        var builder = new StringBuilder(Math.Min(maxChars, 8 * 1024));
        var bytes = new byte[ChunkBytes];
        var chars = new char[encoding.GetMaxCharCount(ChunkBytes)];
        ended = false;
        text = string.Empty;
        using var content = source.Open();
        try
        {
            while (true)
            {
                var read = content.Read(bytes, 0, bytes.Length);
                ended = read == 0;
                var count = decoder.GetChars(bytes, 0, read, chars, 0, flush: ended);
                var room = maxChars - builder.Length;
                if (count > room)
                {
                    builder.Append(chars, 0, room);
                    ended = false;
                    break;
                }

                builder.Append(chars, 0, count);
                if (ended)
                {
                    break;
                }

                if (builder.Length >= maxChars)
                {
                    // Filled exactly: the end only if no byte and no pending character follows.
                    ended = content.Read(bytes, 0, bytes.Length) == 0 && decoder.GetChars(bytes, 0, 0, chars, 0, flush: true) == 0;
                    break;
                }
            }
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        text = builder.ToString();
        return true;
    }
}
