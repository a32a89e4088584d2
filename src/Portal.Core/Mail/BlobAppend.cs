namespace Portal.Core.Mail;

/// <summary>One stored, parsed message to file in one folder (a delivery's copy): what a group commit is made of.</summary>
public sealed record BlobAppend(Guid FolderId, string BlobId, long Size, ParsedMessage Parsed, MessageFlags Flags, DateTime InternalDateUtc);
