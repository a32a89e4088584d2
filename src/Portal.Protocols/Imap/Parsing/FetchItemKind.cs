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
}
