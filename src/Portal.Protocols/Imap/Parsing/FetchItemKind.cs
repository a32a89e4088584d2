namespace Portal.Protocols.Imap.Parsing;

public enum FetchItemKind
{
    Flags,
    Uid,
    InternalDate,
    Size,
    Envelope,
    BodyStructure,
    Body,
    Section,
    Rfc822,
    Rfc822Header,
    Rfc822Text,
    ModSeq,

    /// <summary>RFC 3516 BINARY[part]: the part with its content-transfer-encoding undone.</summary>
    Binary,

    /// <summary>RFC 3516 BINARY.SIZE[part]: the decoded size.</summary>
    BinarySize,
}
