using System.Text;
using Portal.Core.Mail;
using Portal.Protocols.Imap.Parsing;

namespace Portal.Protocols.Imap.Commands;

/// <summary>Serves BODY[section] from the raw bytes with the cached part offsets (RFC 3501 §6.4.5).</summary>
internal static class SectionReader
{
    /// <summary>The bytes of a section; empty when the section does not exist (RFC 3501 allows an empty string for it).</summary>
    public static async Task<byte[]> ReadAsync(Stream raw, long size, BodyPart root, FetchItem item, CancellationToken cancellationToken)
    {
        var part = item.Part ?? [];
        long start, end;
        if (part.Count == 0)
        {
            (start, end) = item.Text switch
            {
                SectionText.Header or SectionText.HeaderFields or SectionText.HeaderFieldsNot => (0L, root.BodyOffset),
                SectionText.Text => (root.BodyOffset, size),
                _ => (0L, size),
            };
        }
        else
        {
            if (Resolve(root, part) is not { } node)
            {
                return [];
            }

            var isMessage = node.MediaType == "message" && node.MediaSubtype == "rfc822";
            var inner = isMessage && node.Children.Count > 0 ? node.Children[0] : null;
            (start, end) = item.Text switch
            {
                SectionText.Mime => (node.HeaderOffset, node.BodyOffset),
                SectionText.Header or SectionText.HeaderFields or SectionText.HeaderFieldsNot when isMessage => (node.BodyOffset, inner?.BodyOffset ?? node.EndOffset),
                SectionText.Text when isMessage => (inner?.BodyOffset ?? node.EndOffset, node.EndOffset),
                SectionText.None => (node.BodyOffset, node.EndOffset),
                _ => (0L, 0L),
            };
        }

        start = Math.Clamp(start, 0, size);
        end = Math.Clamp(end, start, size);
        var bytes = await ReadRangeAsync(raw, start, end - start, cancellationToken).ConfigureAwait(false);
        if (item.Text is SectionText.HeaderFields or SectionText.HeaderFieldsNot)
        {
            bytes = FilterHeaders(bytes, item.Fields ?? [], item.Text == SectionText.HeaderFields);
        }

        return bytes;
    }

    /// <summary>Applies &lt;start.length&gt; (RFC 3501 §6.4.5): past the end is an empty string.</summary>
    public static ReadOnlyMemory<byte> Partial(byte[] bytes, FetchItem item)
    {
        if (item.PartialStart is not { } start)
        {
            return bytes;
        }

        if (start >= bytes.Length)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        var length = (int)Math.Min(item.PartialLength ?? long.MaxValue, bytes.Length - start);
        return bytes.AsMemory((int)start, length);
    }

    public static async Task<byte[]> ReadRangeAsync(Stream raw, long start, long length, CancellationToken cancellationToken)
    {
        raw.Position = start;
        var bytes = new byte[length];
        await raw.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
        return bytes;
    }

    /// <summary>Finds the node a part specifier names: numbers walk into multiparts, and into the body of an attached message.</summary>
    public static BodyPart? Resolve(BodyPart root, IReadOnlyList<int> part)
    {
        var node = root;
        var atMessageBody = true;
        foreach (var n in part)
        {
            if (!atMessageBody && node.MediaType == "message" && node.MediaSubtype == "rfc822")
            {
                if (node.Children.Count == 0)
                {
                    return null;
                }

                node = node.Children[0];
                atMessageBody = true;
            }

            if (node.MediaType == "multipart")
            {
                if (n > node.Children.Count)
                {
                    return null;
                }

                node = node.Children[n - 1];
            }
            else if (n != 1 || !atMessageBody)
            {
                return null;
            }

            atMessageBody = false;
        }

        return node;
    }

    /// <summary>Keeps (or drops) the named header fields, continuation lines included, and ends with the blank line.</summary>
    private static byte[] FilterHeaders(byte[] header, IReadOnlyList<string> fields, bool keep)
    {
        var names = fields.Select(f => f.ToUpperInvariant()).ToHashSet();
        using var output = new MemoryStream();
        var i = 0;
        var include = false;
        while (i < header.Length)
        {
            var lineEnd = Array.IndexOf(header, (byte)'\n', i);
            var next = lineEnd < 0 ? header.Length : lineEnd + 1;
            var lineLength = next - i;
            if (lineLength <= 2 && (header[i] == (byte)'\r' || header[i] == (byte)'\n'))
            {
                break;
            }

            if (header[i] is not ((byte)' ' or (byte)'\t'))
            {
                var colon = Array.IndexOf(header, (byte)':', i, lineLength);
                var name = colon < 0 ? string.Empty : Encoding.ASCII.GetString(header, i, colon - i).Trim().ToUpperInvariant();
                include = colon >= 0 && names.Contains(name) == keep;
            }

            if (include)
            {
                output.Write(header, i, lineLength);
            }

            i = next;
        }

        output.Write("\r\n"u8);
        return output.ToArray();
    }
}
