namespace Portal.Core.Mail;

/// <summary>
/// Mail in the one store. Every mutation runs in one transaction that bumps the folder's change number,
/// writes the messages and records their journal entries; the change notifier publishes after commit.
/// </summary>
public interface IMessageStore
{
    Task<IReadOnlyList<Folder>> ListFoldersAsync(Guid mailboxId, CancellationToken cancellationToken = default);

    Task<Folder?> FindFolderAsync(Guid mailboxId, string name, CancellationToken cancellationToken = default);

    Task<Folder?> FindFolderAsync(Guid mailboxId, FolderRole role, CancellationToken cancellationToken = default);

    /// <summary>Writes the content to the blob store, then records the message. Nothing is left half-written on failure.</summary>
    Task<AppendResult> AppendAsync(Guid folderId, AppendRequest request, CancellationToken cancellationToken = default);

    /// <summary>Appends many messages to one folder in one transaction (imports); UIDs in the order given.</summary>
    Task<IReadOnlyList<AppendResult>> AppendBatchAsync(Guid folderId, IReadOnlyList<AppendRequest> requests, CancellationToken cancellationToken = default);

    /// <summary>Records a message whose bytes are already in the blob store (one blob, many recipients).</summary>
    Task<AppendResult> AppendBlobAsync(Guid folderId, string blobId, AppendRequest request, CancellationToken cancellationToken = default);

    /// <summary>Records one stored message in several folders (one per recipient); the message is parsed once. One transaction per folder.</summary>
    Task<IReadOnlyList<AppendResult>> AppendBlobToFoldersAsync(IReadOnlyList<Guid> folderIds, string blobId, AppendRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Files stored, parsed messages in any folders in one transaction (group commit of deliveries); results in the order
    /// given. Either all are committed or none.
    /// </summary>
    Task<IReadOnlyList<AppendResult>> AppendBlobsAsync(IReadOnlyList<BlobAppend> appends, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Message>> ListMessagesAsync(Guid folderId, CancellationToken cancellationToken = default);

    /// <summary>Changes flags of the given UIDs; returns the messages whose flags changed, with their new MODSEQ.</summary>
    Task<IReadOnlyList<Message>> SetFlagsAsync(Guid folderId, IReadOnlyCollection<long> uids, MessageFlags flags, FlagChangeMode mode, CancellationToken cancellationToken = default);

    /// <summary>Changes system flags and keywords (RFC 9051 §6.4.6) of the given UIDs; keywords compare without case.</summary>
    Task<IReadOnlyList<Message>> SetFlagsAsync(Guid folderId, IReadOnlyCollection<long> uids, MessageFlags flags, IReadOnlyCollection<string> keywords, FlagChangeMode mode, CancellationToken cancellationToken = default);

    /// <summary>The keywords set on at least one message of the folder (the IMAP FLAGS response).</summary>
    Task<IReadOnlyList<string>> ListKeywordsAsync(Guid folderId, CancellationToken cancellationToken = default);

    /// <summary>Copies messages (the blob is shared, not copied); returns source UID to new UID pairs (RFC 4315 COPYUID).</summary>
    Task<IReadOnlyList<(long SourceUid, long TargetUid)>> CopyAsync(Guid sourceFolderId, IReadOnlyCollection<long> uids, Guid targetFolderId, CancellationToken cancellationToken = default);

    /// <summary>Moves messages in one transaction across both folders (RFC 6851).</summary>
    Task<IReadOnlyList<(long SourceUid, long TargetUid)>> MoveAsync(Guid sourceFolderId, IReadOnlyCollection<long> uids, Guid targetFolderId, CancellationToken cancellationToken = default);

    /// <summary>Removes the given UIDs (or, when null, every message flagged \Deleted); each leaves a tombstone.</summary>
    Task<IReadOnlyList<long>> ExpungeAsync(Guid folderId, IReadOnlyCollection<long>? uids, CancellationToken cancellationToken = default);

    Task<Stream> OpenContentAsync(Message message, CancellationToken cancellationToken = default);

    /// <summary>UID, MODSEQ, flags and size of every message in UID order: what an IMAP or POP3 session keeps in memory.</summary>
    Task<IReadOnlyList<MessageSummary>> ListSummariesAsync(Guid folderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The states (UID, MODSEQ, flags, keywords, size, dates) of the messages changed since <paramref name="sinceModSeq"/>,
    /// in UID order, and the UIDs expunged since then; the whole folder when <paramref name="sinceModSeq"/> is negative or
    /// the change journal no longer reaches back that far. Throws <see cref="KeyNotFoundException"/> for a deleted folder.
    /// </summary>
    Task<FolderStates> ListStatesAsync(Guid folderId, long sinceModSeq, CancellationToken cancellationToken = default);

    /// <summary>The messages whose UIDs lie in [<paramref name="firstUid"/>, <paramref name="lastUid"/>], in UID order.</summary>
    Task<IReadOnlyList<Message>> ListMessagesAsync(Guid folderId, long firstUid, long lastUid, CancellationToken cancellationToken = default);

    /// <summary>
    /// The UID and blob id of the messages whose UIDs lie in [<paramref name="firstUid"/>, <paramref name="lastUid"/>], in
    /// UID order: two columns instead of whole rows, for readers whose answer is cached by blob (IMAP FETCH ENVELOPE).
    /// </summary>
    Task<IReadOnlyList<MessageBlob>> ListBlobsAsync(Guid folderId, long firstUid, long lastUid, CancellationToken cancellationToken = default);

    /// <summary>The messages with the given UIDs (those that exist), in UID order.</summary>
    Task<IReadOnlyList<Message>> ListMessagesAsync(Guid folderId, IReadOnlyCollection<long> uids, CancellationToken cancellationToken = default);

    /// <summary>Creates a folder (and any missing parents, RFC 3501 §6.3.3). Throws <see cref="MailStoreException"/> when it exists.</summary>
    Task<Folder> CreateFolderAsync(Guid mailboxId, string name, CancellationToken cancellationToken = default);

    /// <summary>Deletes a folder and its messages. Refuses INBOX and folders that still have children.</summary>
    Task DeleteFolderAsync(Guid mailboxId, string name, CancellationToken cancellationToken = default);

    /// <summary>Renames a folder and every folder below it; UIDs and UIDVALIDITY stay (RFC 3501 §6.3.5).</summary>
    Task RenameFolderAsync(Guid mailboxId, string name, string newName, CancellationToken cancellationToken = default);

    Task SetSubscribedAsync(Guid mailboxId, string name, bool subscribed, CancellationToken cancellationToken = default);
}
