using MimeKit.Encodings;
using Portal.Core.Mail;
using Portal.Protocols.Imap.Parsing;

namespace Portal.Protocols.Imap.Commands;

/// <summary>BINARY[part] and BINARY.SIZE (RFC 3516): a part's body with its content-transfer-encoding undone.</summary>
internal static class BinaryContent
{
    /// <summary>Whether the server can decode the part (RFC 3516 §4.3: otherwise NO [UNKNOWN-CTE]).</summary>
    public static bool CanDecode(BodyPart root, FetchItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.Part is not { Count: > 0 } || SectionReader.Resolve(root, item.Part) is not { } node)
        {
            return true;
        }

        return Encoding(node) is null or "7bit" or "8bit" or "binary" or "base64" or "quoted-printable";
    }

    public static async Task<byte[]> ReadAsync(Stream raw, long size, BodyPart root, FetchItem item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(item);
        var bytes = await SectionReader.ReadAsync(raw, size, root, new FetchItem(FetchItemKind.Section, item.Part), cancellationToken).ConfigureAwait(false);
        if (item.Part is not { Count: > 0 } || SectionReader.Resolve(root, item.Part) is not { } node || node.MediaType is "multipart" or "message")
        {
            return bytes;
        }

        IMimeDecoder? decoder = Encoding(node) switch
        {
            "base64" => new Base64Decoder(),
            "quoted-printable" => new QuotedPrintableDecoder(),
            _ => null,
        };
        if (decoder is null)
        {
            return bytes;
        }

        var output = new byte[decoder.EstimateOutputLength(bytes.Length)];
        var length = decoder.Decode(bytes, 0, bytes.Length, output);
        return output.AsSpan(0, length).ToArray();
    }

    /// <summary>The item's name in the FETCH response, with the partial origin when one was asked (RFC 3516 §4.2).</summary>
    public static string Name(FetchItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var section = string.Join('.', item.Part ?? []);
        var origin = item.PartialStart is { } s ? "<" + ImapFormat.Number(s) + ">" : string.Empty;
        return (item.Kind == FetchItemKind.BinarySize ? "BINARY.SIZE[" : "BINARY[") + section + "]" + origin;
    }

    private static string? Encoding(BodyPart node) => node.TransferEncoding?.Trim().ToLowerInvariant();
}
