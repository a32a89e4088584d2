namespace Portal.Protocols.Imap.Parsing;

/// <summary>The RFC 3501 §6.4.4 search criteria as a closed tree; a list of keys means AND.</summary>
public abstract record SearchKey
{
    private SearchKey()
    {
    }

    public sealed record All : SearchKey;

    public sealed record And(IReadOnlyList<SearchKey> Keys) : SearchKey;

    public sealed record Not(SearchKey Key) : SearchKey;

    public sealed record Or(SearchKey Left, SearchKey Right) : SearchKey;

    /// <summary>A system flag: set (SEEN) or not set (UNSEEN).</summary>
    public sealed record Flag(string Name, bool IsSet) : SearchKey;

    public sealed record Keyword(string Name, bool IsSet) : SearchKey;

    /// <summary>FROM, TO, CC, BCC, SUBJECT and HEADER: a substring of the named header field.</summary>
    public sealed record Header(string Field, string Value) : SearchKey;

    /// <summary>BODY (body only) or TEXT (headers and body).</summary>
    public sealed record Text(string Value, bool IncludeHeaders) : SearchKey;

    /// <summary>BEFORE/ON/SINCE on the internal date, or SENTBEFORE/SENTON/SENTSINCE on the Date header.</summary>
    public sealed record Date(DateOnly Value, DateComparison Comparison, bool Sent) : SearchKey;

    public sealed record Size(long Value, bool Larger) : SearchKey;

    public sealed record Uid(SequenceSet Set) : SearchKey;

    public sealed record Sequence(SequenceSet Set) : SearchKey;

    /// <summary>RFC 7162 §3.1.5 MODSEQ: messages changed at or after the number.</summary>
    public sealed record ModSeq(long Value) : SearchKey;

    /// <summary>A key that never matches (RECENT, NEW: this server has no \Recent).</summary>
    public sealed record None : SearchKey;
}
