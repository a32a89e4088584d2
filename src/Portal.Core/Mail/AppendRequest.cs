namespace Portal.Core.Mail;

/// <summary>One message to store in a folder. <see cref="Content"/> is read to the end and not disposed.</summary>
public sealed record AppendRequest(Stream Content, MessageFlags Flags = MessageFlags.None, IReadOnlyList<string>? Keywords = null, DateTime? InternalDateUtc = null);

/// <summary>Where an appended message ended up (RFC 4315 APPENDUID).</summary>
public sealed record AppendResult(Guid MessageId, Guid FolderId, long UidValidity, long Uid, long ModSeq, string BlobId);

/// <summary>How a STORE changes flags.</summary>
public enum FlagChangeMode
{
    Replace = 0,
    Add = 1,
    Remove = 2,
}
