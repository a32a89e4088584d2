using Portal.Core.Mail.Reading;

namespace Portal.Core.Mail.Search;

/// <summary>What part of a message a search looks in (RFC 9051 §6.4.4 search keys and the webmail search box).</summary>
public enum SearchField
{
    From,
    To,
    Cc,
    Bcc,
    Subject,
    Body,

    /// <summary>Headers and body together (IMAP TEXT).</summary>
    Text,
}

/// <summary>
/// The one mail search, served from an index kept up to date when messages are stored, so that IMAP SEARCH and the
/// webmail search box give the same answers without reading message bodies at query time.
/// </summary>
public interface IMailSearch
{
    /// <summary>
    /// UIDs of the folder's messages whose <paramref name="field"/> contains <paramref name="text"/>
    /// (case-insensitive substring match, as IMAP requires).
    /// </summary>
    Task<IReadOnlyCollection<long>> FindUidsAsync(Guid folderId, SearchField field, string text, CancellationToken cancellationToken = default);

    /// <summary>
    /// Messages of the mailbox whose from, to, subject or body contain every word of <paramref name="query"/>,
    /// in one folder or (when <paramref name="folderId"/> is null) in all folders, newest first.
    /// </summary>
    Task<MessagePage> SearchAsync(Guid mailboxId, Guid? folderId, string query, int skip, int take, CancellationToken cancellationToken = default);
}
