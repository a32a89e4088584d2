namespace Portal.Core.Changes;

/// <summary>Published after a commit: collection <see cref="CollectionId"/> of mailbox <see cref="MailboxId"/> reached <see cref="ChangeNumber"/>.</summary>
public readonly record struct ChangeNotification(Guid MailboxId, Guid CollectionId, long ChangeNumber);
