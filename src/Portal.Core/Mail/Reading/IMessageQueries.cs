namespace Portal.Core.Mail.Reading;

/// <summary>
/// Read-side queries of the mail store for lists and the reading pane. Every call names the mailbox: a message or
/// folder of another mailbox is simply not found.
/// </summary>
public interface IMessageQueries
{
    Task<IReadOnlyList<FolderSummary>> ListFoldersAsync(Guid mailboxId, CancellationToken cancellationToken = default);

    /// <summary>A page of the folder's messages, sorted on the server; null when the folder is not this mailbox's.</summary>
    Task<MessagePage?> ListPageAsync(Guid mailboxId, Guid folderId, MessageSort sort, bool descending, int skip, int take, CancellationToken cancellationToken = default);

    Task<Message?> FindAsync(Guid mailboxId, Guid messageId, CancellationToken cancellationToken = default);
}
