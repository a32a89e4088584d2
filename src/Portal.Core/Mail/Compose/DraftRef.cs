namespace Portal.Core.Mail.Compose;

/// <summary>Where a compose session's current draft is stored: the Drafts folder and its UID there.</summary>
public sealed record DraftRef(Guid FolderId, long Uid);
