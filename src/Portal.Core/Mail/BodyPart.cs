namespace Portal.Core.Mail;

/// <summary>
/// One node of a message's MIME tree with the byte offsets of its headers and body in the raw message,
/// so that a protocol can serve BODY[section] and BODYSTRUCTURE without parsing again.
/// </summary>
public sealed record BodyPart(
    string MediaType,
    string MediaSubtype,
    IReadOnlyDictionary<string, string> Parameters,
    string? ContentId,
    string? Description,
    string? TransferEncoding,
    string? Disposition,
    IReadOnlyDictionary<string, string> DispositionParameters,
    string? FileName,
    long HeaderOffset,
    long BodyOffset,
    long EndOffset,
    int Lines,
    IReadOnlyList<BodyPart> Children)
{
    public long BodySize => EndOffset - BodyOffset;
}
