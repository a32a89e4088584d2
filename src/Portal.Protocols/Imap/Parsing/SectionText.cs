namespace Portal.Protocols.Imap.Parsing;

/// <summary>The text part of a BODY[section] (RFC 3501 §6.4.5).</summary>
public enum SectionText
{
    None,
    Header,
    HeaderFields,
    HeaderFieldsNot,
    Text,
    Mime,
}
