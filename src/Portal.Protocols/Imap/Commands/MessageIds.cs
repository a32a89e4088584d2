using MimeKit.Utils;

namespace Portal.Protocols.Imap.Commands;

/// <summary>Message ids out of stored Message-ID, In-Reply-To and References values, for THREAD=REFERENCES.</summary>
internal static class MessageIds
{
    /// <summary>
    /// The ids in a value, in order and without angle brackets. Stored References are "&lt;a&gt; &lt;b&gt;"; stored
    /// Message-ID and In-Reply-To are already parsed (no brackets), so a value without any "&lt;" is taken as bare ids.
    /// An id cut off by the column's length limit (no closing "&gt;") is left out.
    /// </summary>
    public static List<string> Parse(string? value)
    {
        var ids = new List<string>();
        if (string.IsNullOrWhiteSpace(value))
        {
            return ids;
        }

        if (!value.Contains('<', StringComparison.Ordinal))
        {
            ids.AddRange(value.Split([' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries));
            return ids;
        }

        // Stored References are MimeKit's own parse written back as "<id> <id>": MimeKit reads them again, and drops an
        // id the column's limit cut off (no closing ">").
        ids.AddRange(MimeUtils.EnumerateReferences(value));
        return ids;
    }

    /// <summary>
    /// RFC 5256 §5 step 1A: the References ids, or when there are none the first id of In-Reply-To alone.
    /// </summary>
    public static IReadOnlyList<string> ReferencesOf(string? references, string? inReplyTo)
    {
        var ids = Parse(references);
        if (ids.Count > 0)
        {
            return ids;
        }

        var replyTo = Parse(inReplyTo);
        return replyTo.Count > 0 ? [replyTo[0]] : [];
    }
}
