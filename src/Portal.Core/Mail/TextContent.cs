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

        // Grown in chunks of at most 8,000 characters, none on the large-object heap.
        var builder = new StringBuilder(Math.Min(maxChars, 8 * 1024));
        var ended = DecodePrefix(part, source, chunk =>
        {
            var room = maxChars - builder.Length;
            builder.Append(chunk.Length > room ? chunk[..room] : chunk);
            return chunk.Length <= room;
        }, () => builder.Clear());

        // The whole part fitted after all (multi-byte characters, base64): let MimeKit give the exact text.
        if (ended)
        {
            return part.Text;
        }

        complete = false;
        return builder.ToString();
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
        if (DecodePrefix(part, source, chunk => SearchText.Append(builder, chunk, limit), () => builder.Length = start))
        {
            // The whole part fitted after all (multi-byte characters, base64): let MimeKit give the exact text.
            builder.Length = start;
            return SearchText.Append(builder, part.Text, limit);
        }

        return false;
    }

    /// <summary>Takes one decoded chunk; false when it did not all fit (the text is cut there).</summary>
    private delegate bool ChunkSink(ReadOnlySpan<char> chunk);

    /// <summary>
    /// Decodes <paramref name="part"/> chunk by chunk into <paramref name="sink"/> until the sink is full, in its
    /// charset or else strict UTF-8; bytes that are not UTF-8 after all start it again, after <paramref name="reset"/>,
    /// as Latin-1 (MimeKit's last resort). True when the whole part went in.
    /// </summary>
    private static bool DecodePrefix(TextPart part, IMimeContent source, ChunkSink sink, Action reset)
    {
        var outcome = Decode(source, EncodingOf(part) ?? new UTF8Encoding(false, throwOnInvalidBytes: true), sink);
        if (outcome == Prefix.Invalid)
        {
            reset();
            outcome = Decode(source, Encoding.Latin1, sink);
        }

        return outcome == Prefix.Ended;
    }

    private enum Prefix
    {
        Cut,
        Ended,
        Invalid,
    }

    private static Prefix Decode(IMimeContent source, Encoding encoding, ChunkSink sink)
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
                if (!sink(chars.AsSpan(0, count)))
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
}
