namespace Portal.Protocols.Imap.Parsing;

/// <summary>The threading algorithms of RFC 5256 §4 that THREAD accepts (advertised as THREAD=...).</summary>
public enum ThreadAlgorithm
{
    OrderedSubject,
    References,
}
