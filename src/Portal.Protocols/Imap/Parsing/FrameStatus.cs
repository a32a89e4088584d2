namespace Portal.Protocols.Imap.Parsing;

public enum FrameStatus
{
    /// <summary>Read more bytes.</summary>
    NeedMore,

    /// <summary>A whole command is ready.</summary>
    Complete,

    /// <summary>A synchronising literal was accepted: the caller sends a continuation request, then reads on (RFC 3501 §7.5).</summary>
    ContinuationNeeded,

    /// <summary>A literal larger than allowed was announced; its bytes were not read. The caller refuses the command.</summary>
    LiteralTooLarge,

    /// <summary>A line longer than allowed; it was skipped. The caller answers BAD.</summary>
    LineTooLong,
}
