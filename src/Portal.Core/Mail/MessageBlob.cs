namespace Portal.Core.Mail;

/// <summary>A message's UID and the content-addressed blob it was stored as: enough to find what is cached per blob.</summary>
public readonly record struct MessageBlob(long Uid, string BlobId);
