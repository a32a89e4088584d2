namespace Portal.Core.Mail;

/// <summary>
/// The small, changing part of a message and the few fixed values that IMAP answers without its row: UID, MODSEQ,
/// flags, keywords, size and dates (what SELECT, FETCH FLAGS and most SEARCH keys need).
/// </summary>
public readonly record struct MessageState(long Uid, long ModSeq, MessageFlags Flags, string Keywords, long Size, DateTime InternalDateUtc, DateTime? SentDateUtc);
