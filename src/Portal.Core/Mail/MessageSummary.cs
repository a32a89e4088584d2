namespace Portal.Core.Mail;

/// <summary>What a session keeps per message: enough for sequence numbers, flags, counts and sizes, without bodies.</summary>
public readonly record struct MessageSummary(long Uid, long ModSeq, MessageFlags Flags, long Size);
