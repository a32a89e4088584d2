namespace Portal.Protocols.Imap.Commands;

/// <summary>
/// What THREAD needs of one matched message: the number it answers with (UID or sequence number), the sequence number
/// for ties (RFC 5256 §2.2), the sent date, the base subject and the message ids.
/// </summary>
internal sealed record ThreadMessage(
    long Number,
    long Sequence,
    DateTime SentDateUtc,
    BaseSubject Subject,
    string? MessageId,
    IReadOnlyList<string> References)
{
    /// <summary>Orders by sent date, then by sequence number (RFC 5256 §2.2).</summary>
    public int CompareTo(ThreadMessage other)
    {
        var order = SentDateUtc.CompareTo(other.SentDateUtc);
        return order != 0 ? order : Sequence.CompareTo(other.Sequence);
    }
}
